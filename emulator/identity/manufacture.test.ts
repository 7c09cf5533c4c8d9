import { describe, it, expect } from 'vitest';
import { createFactory, manufacture, type Factory } from './manufacture.ts';
import { createRandom } from '../random/Random.ts';
import { VirtualClock } from '../clock/VirtualClock.ts';
import { certificatePayloadSchema, proofText, signProof, verifyDeviceProof } from '../../protocol/deviceCertificate.ts';
import { unseal } from '../../protocol/signing/envelope.ts';

function factory(seed = 1): Factory {
  return createFactory({ random: createRandom(seed), clock: new VirtualClock() });
}

describe('manufacture', () => {
  it('gives the same identity for the same seed', () => {
    const a = manufacture(factory(), { random: createRandom('board-7'), family: 'gateway' });
    const b = manufacture(factory(), { random: createRandom('board-7'), family: 'gateway' });
    expect(b.hardwareId).toBe(a.hardwareId);
    expect(b.serialNumber).toBe(a.serialNumber);
    expect(b.installCode).toBe(a.installCode);
    expect(b.certificate).toBe(a.certificate);
    expect(b.deviceKey.publicKey).toBe(a.deviceKey.publicKey);
  });

  it('shapes each part like the real thing', () => {
    const id = manufacture(factory(), { random: createRandom(3), family: 'gateway' });
    expect(id.hardwareId).toMatch(/^009033[0-9A-F]{6}$/);
    expect(id.serialNumber).toMatch(/^FR[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(id.installCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('[GW-6] issues a certificate that proves a request signed with the device key', () => {
    const line = factory();
    const id = manufacture(line, { random: createRandom(4), family: 'gateway' });
    const text = proofText('invalidate', 'req-1', id.hardwareId, ['LIC-1']);
    const verified = verifyDeviceProof({
      certificate: id.certificate,
      manufacturerPublicKey: line.manufacturerPublicKey,
      hardwareId: id.hardwareId,
      proof: signProof(id.deviceKey, text),
      text,
    });
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(verified.value.serialNumber).toBe(id.serialNumber);
  });

  it('stamps the certificate with the factory clock', async () => {
    const clock = new VirtualClock();
    const line = createFactory({ random: createRandom(1), clock });
    await clock.advance(5_000);
    const id = manufacture(line, { random: createRandom(2), family: 'gateway' });
    const payload = unseal('CRT1', id.certificate, line.manufacturerPublicKey, certificatePayloadSchema);
    expect(payload.ok && payload.value.issuedAt).toBe(clock.now());
  });

  it('[SS-4] certifies the install code along with the hardware ID, so a SmartServer can prove it is the one it names', () => {
    const line = factory();
    const id = manufacture(line, { random: createRandom(5), family: 'smartserver' });
    const payload = unseal('CRT1', id.certificate, line.manufacturerPublicKey, certificatePayloadSchema);
    expect(payload).toMatchObject({ ok: true, value: { hardwareId: id.hardwareId, installCode: id.installCode } });
  });

  it('[GW-6] a certificate from another factory does not verify', () => {
    const id = manufacture(factory(1), { random: createRandom(4), family: 'gateway' });
    const text = proofText('invalidate', 'req-1', id.hardwareId, []);
    const verified = verifyDeviceProof({
      certificate: id.certificate,
      manufacturerPublicKey: factory(2).manufacturerPublicKey,
      hardwareId: id.hardwareId,
      proof: signProof(id.deviceKey, text),
      text,
    });
    expect(verified.ok || verified.error.code).toBe('CERTIFICATE_INVALID');
  });

  it('gives different boards different hardware IDs', () => {
    const line = factory();
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add(manufacture(line, { random: createRandom(`board-${i}`), family: 'gateway' }).hardwareId);
    expect(ids.size).toBe(200);
    expect(line.built()).toBe(200);
    const other = manufacture(factory(), { random: createRandom('board-0'), family: 'smartserver' });
    expect(other.hardwareId).not.toBe(manufacture(factory(), { random: createRandom('board-0'), family: 'gateway' }).hardwareId);
  });

  it('re-draws a hardware ID this factory already gave out', () => {
    const line = factory();
    const first = manufacture(line, { random: createRandom(9), family: 'gateway' });
    const again = manufacture(line, { random: createRandom(9), family: 'gateway' });
    expect(again.hardwareId).not.toBe(first.hardwareId);
    expect(again.serialNumber).toBe(first.serialNumber);
  });

  it('refuses an empty family name', () => {
    expect(() => manufacture(factory(), { random: createRandom(1), family: ' ' })).toThrow(/family/);
  });

  it('derives the manufacturer key from the seed', () => {
    expect(factory(5).manufacturerPublicKey).toBe(factory(5).manufacturerPublicKey);
    expect(factory(5).manufacturerPublicKey).not.toBe(factory(6).manufacturerPublicKey);
  });
});
