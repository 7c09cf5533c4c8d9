import { describe, expect, it } from 'vitest';
import { issueCertificate, proofText, signProof, verifyDeviceProof, type CertificatePayload } from './deviceCertificate.ts';
import { signingKeyFromSeed } from './signing/ed25519.ts';
import { createRandom } from '../emulator/random/Random.ts';

const random = createRandom('device-certificate-test');
const manufacturer = signingKeyFromSeed(random.fork('manufacturer').bytes(32));
const impostorManufacturer = signingKeyFromSeed(random.fork('impostor').bytes(32));
const deviceKey = signingKeyFromSeed(random.fork('device').bytes(32));
const otherDeviceKey = signingKeyFromSeed(random.fork('other-device').bytes(32));

const payload: CertificatePayload = {
  hardwareId: '009033AABBCC',
  serialNumber: 'SN-0001',
  devicePublicKey: deviceKey.publicKey,
  issuedAt: Date.UTC(2025, 5, 1),
};
const certificate = issueCertificate(payload, manufacturer);
const text = proofText('gateway.invalidate', 'req-1', payload.hardwareId, ['lic-1', 'lic-2']);

function check(overrides: Partial<Parameters<typeof verifyDeviceProof>[0]> = {}) {
  return verifyDeviceProof({
    certificate,
    manufacturerPublicKey: manufacturer.publicKey,
    hardwareId: payload.hardwareId,
    proof: signProof(deviceKey, text),
    text,
    ...overrides,
  });
}

describe('device certificates (CRT1) and proofs', () => {
  it('[GW-6] accepts a certificate from the manufacturer with a proof signed by the certified key', () => {
    expect(check()).toEqual({ ok: true, value: payload });
  });

  it('[GW-6] refuses a certificate the manufacturer did not issue', () => {
    const forged = issueCertificate(payload, impostorManufacturer);
    expect(check({ certificate: forged })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
  });

  it('[GW-6] refuses a certificate presented for another hardware ID', () => {
    const result = check({ hardwareId: '009033DDEEFF' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    if (!result.ok) expect(result.error.message).toContain('009033AABBCC');
  });

  it('[GW-6] refuses a proof signed by a key other than the certified one', () => {
    expect(check({ proof: signProof(otherDeviceKey, text) })).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
  });

  it('[GW-6] refuses a proof replayed for another request or another set of licenses', () => {
    const proof = signProof(deviceKey, text);
    const otherRequest = proofText('gateway.invalidate', 'req-2', payload.hardwareId, ['lic-1', 'lic-2']);
    const fewerLicenses = proofText('gateway.invalidate', 'req-1', payload.hardwareId, ['lic-1']);
    expect(check({ proof, text: otherRequest })).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    expect(check({ proof, text: fewerLicenses })).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
  });

  it('refuses garbage in place of a certificate or a proof without throwing', () => {
    for (const bad of ['', 'CRT1', 'CRT1.x.y', 'LIC1.x.y', certificate.slice(0, -3)]) {
      expect(check({ certificate: bad })).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    }
    for (const bad of ['', 'zz', signProof(deviceKey, text).slice(1)]) {
      expect(check({ proof: bad })).toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    }
  });

  it('refuses a certificate whose payload lacks a field, naming it', () => {
    const { serialNumber: _, ...partial } = payload;
    const result = check({ certificate: issueCertificate(partial as CertificatePayload, manufacturer) });
    expect(result).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    if (!result.ok) expect(result.error.message).toContain('serialNumber');
  });
});
