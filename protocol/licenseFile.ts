import { z } from 'zod';
import { seal, unseal, type UnsealErrorCode } from './signing/envelope.ts';
import type { SigningKey } from './signing/ed25519.ts';
import { fail, type Failure, type Result } from './result.ts';

/**
 * A license file: what the portal issues for one license on one device, signed by the vendor
 * key. The device verifies it offline — signature, hardware ID, and that its nonce was never
 * installed before — and refuses a tampered, foreign or replayed file.
 */
export const LICENSE_FILE_KIND = 'LIC1';

export const transactionTypes = ['Trial', 'New', 'Addon', 'Renewal'] as const;
export type TransactionType = (typeof transactionTypes)[number];

export const licensePayloadSchema = z.object({
  licenseId: z.string().min(1),
  hardwareId: z.string().min(1),
  featureCode: z.string().min(1),
  count: z.number().int().positive(),
  /** Epoch ms from which the license is valid. */
  start: z.number().int(),
  /** Epoch ms at which it stops working; null for perpetual licenses. */
  end: z.number().int().nullable(),
  transactionType: z.enum(transactionTypes),
  /** `test` licenses are the GW-8 three-month trials. */
  kind: z.enum(['standard', 'test']),
  /** Fresh per issuance: a device installs a given nonce at most once. */
  nonce: z.string().min(8),
  issuedAt: z.number().int(),
  /**
   * TM-2: which issuance of this license the file is, counting from 1 across every device it was
   * issued for. A device refuses a file older than one it has seen for the same license, so an
   * older file kept back cannot come back after the newer one was deleted. Absent on files
   * issued before the counter existed; a device reads that as 0.
   */
  issue: z.number().int().positive().optional(),
});
export type LicensePayload = z.infer<typeof licensePayloadSchema>;

export function sealLicenseFile(payload: LicensePayload, vendorKey: SigningKey): string {
  return seal(LICENSE_FILE_KIND, payload, vendorKey);
}

/**
 * Verifies a license file for the device with `hardwareId`. Codes: `ENVELOPE_MALFORMED`,
 * `SIGNATURE_INVALID`, `LICENSE_FOREIGN_HARDWARE`. Replay is the device's check, since only it
 * knows which nonces it has installed.
 */
export function openLicenseFile(text: string, vendorPublicKey: string, hardwareId: string): Result<LicensePayload, Failure<UnsealErrorCode | 'LICENSE_FOREIGN_HARDWARE'>> {
  const opened = unseal(LICENSE_FILE_KIND, text, vendorPublicKey, licensePayloadSchema);
  if (!opened.ok) return opened;
  if (opened.value.hardwareId !== hardwareId) {
    return fail('LICENSE_FOREIGN_HARDWARE', `license ${opened.value.licenseId} is bound to hardware ID ${opened.value.hardwareId}, not to this device (${hardwareId})`);
  }
  return opened;
}
