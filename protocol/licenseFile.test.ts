import { describe, expect, it } from 'vitest';
import { openLicenseFile, sealLicenseFile, type LicensePayload } from './licenseFile.ts';
import { signingKeyFromSeed } from './signing/ed25519.ts';
import { createRandom } from '../emulator/random/Random.ts';

const random = createRandom('license-file-test');
const vendor = signingKeyFromSeed(random.fork('vendor').bytes(32));
const otherVendor = signingKeyFromSeed(random.fork('other-vendor').bytes(32));

const payload: LicensePayload = {
  licenseId: 'lic-1',
  hardwareId: '009033AABBCC',
  featureCode: 'PBX-MOBILITY',
  count: 10,
  start: Date.UTC(2026, 0, 1),
  end: null,
  transactionType: 'New',
  kind: 'standard',
  nonce: 'a1b2c3d4e5f60718',
  issuedAt: Date.UTC(2026, 0, 1),
};

/** Flips one bit of the decoded bytes of one dot-separated part and re-encodes it. */
function flipBit(file: string, part: 1 | 2, bit: number): string {
  const parts = file.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('license files (LIC1)', () => {
  const file = sealLicenseFile(payload, vendor);

  it('opens on the device it is bound to, giving back the payload', () => {
    expect(openLicenseFile(file, vendor.publicKey, payload.hardwareId)).toEqual({ ok: true, value: payload });
  });

  it('refuses a file with any one bit of its payload flipped', () => {
    const bits = Buffer.from(file.split('.')[1]!, 'base64url').length * 8;
    for (let bit = 0; bit < bits; bit += 7) {
      const opened = openLicenseFile(flipBit(file, 1, bit), vendor.publicKey, payload.hardwareId);
      expect(opened.ok).toBe(false);
      if (!opened.ok) expect(['SIGNATURE_INVALID', 'ENVELOPE_MALFORMED']).toContain(opened.error.code);
    }
  });

  it('refuses a file with any one bit of its signature flipped', () => {
    for (let bit = 0; bit < 512; bit++) {
      const opened = openLicenseFile(flipBit(file, 2, bit), vendor.publicKey, payload.hardwareId);
      expect(opened).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    }
  });

  // Every character of the signature (where base64url leaves unused bits to alias) and a
  // sample of the rest, flipped in the text as stored rather than in the decoded bytes.
  it('refuses the file text with one bit of a character flipped', () => {
    const signatureStart = file.lastIndexOf('.') + 1;
    for (let i = 0; i < file.length; i++) {
      if (i < signatureStart && i % 11 !== 0) continue;
      for (let bit = 0; bit < 7; bit++) {
        const char = String.fromCharCode(file.charCodeAt(i) ^ (1 << bit));
        const altered = file.slice(0, i) + char + file.slice(i + 1);
        const opened = openLicenseFile(altered, vendor.publicKey, payload.hardwareId);
        expect(opened.ok, `character ${i} flipped to ${JSON.stringify(char)}`).toBe(false);
      }
    }
  });

  it('[GW-2] refuses a file bound to another hardware ID, naming both', () => {
    const opened = openLicenseFile(file, vendor.publicKey, '009033DDEEFF');
    expect(opened).toMatchObject({ ok: false, error: { code: 'LICENSE_FOREIGN_HARDWARE' } });
    if (!opened.ok) expect(opened.error.message).toContain('009033AABBCC');
  });

  it('refuses a file signed by another vendor key', () => {
    const forged = sealLicenseFile(payload, otherVendor);
    expect(openLicenseFile(forged, vendor.publicKey, payload.hardwareId)).toMatchObject({
      ok: false,
      error: { code: 'SIGNATURE_INVALID' },
    });
  });

  it('refuses text that is not a LIC1 blob and a payload that is not a license', () => {
    for (const text of ['', 'hello', 'CRT1.a.b', 'LIC1.only-two', 'LIC1.a.b.c']) {
      expect(openLicenseFile(text, vendor.publicKey, payload.hardwareId)).toMatchObject({
        ok: false,
        error: { code: 'ENVELOPE_MALFORMED' },
      });
    }
    const wrongShape = sealLicenseFile({ ...payload, count: -1 } as LicensePayload, vendor);
    const opened = openLicenseFile(wrongShape, vendor.publicKey, payload.hardwareId);
    expect(opened).toMatchObject({ ok: false, error: { code: 'ENVELOPE_MALFORMED' } });
    if (!opened.ok) expect(opened.error.message).toContain('count');
  });

  it('refuses when the verifying key itself is malformed', () => {
    for (const key of ['', 'not-a-key', `${vendor.publicKey}A`]) {
      expect(openLicenseFile(file, key, payload.hardwareId)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    }
  });
});
