import { z } from 'zod';
import { seal, unseal, type UnsealErrorCode } from './signing/envelope.ts';
import type { SigningKey } from './signing/ed25519.ts';
import { fingerprintOf } from './codes/requestCode.ts';
import { fail, type Failure, type Result } from './result.ts';

/**
 * Response codes: a portal's signed answer to one request code (CL-7 Process License, SS-8
 * offline capacity activation). The product installs it only if the signature verifies with
 * the vendor key, the fingerprint is its own, and the nonce is that of its latest request —
 * so a code for another product, an altered code, or an old code reused after a newer install
 * are all refused.
 */
export const RESPONSE_CODE_KIND = 'RSP1';

export const grantSchema = z.object({
  /** The license or entitlement this grant comes from. */
  licenseId: z.string().min(1),
  featureCode: z.string().min(1),
  count: z.number().int().nonnegative(),
  /** Epoch ms after which the grant stops working; null when it does not end. */
  end: z.number().int().nullable(),
  /** Free-form detail a family needs (e.g. maintenance vs capacity). */
  detail: z.string().optional(),
});
export type Grant = z.infer<typeof grantSchema>;

export const responsePayloadSchema = z.object({
  /** Which product family's portal issued it, e.g. `video`, `smartserver`. */
  family: z.string().min(1),
  fingerprint: z.string().length(12),
  requestNonce: z.string().length(8),
  issuedAt: z.number().int(),
  grants: z.array(grantSchema),
});
export type ResponsePayload = z.infer<typeof responsePayloadSchema>;

export function sealResponseCode(payload: ResponsePayload, vendorKey: SigningKey): string {
  return seal(RESPONSE_CODE_KIND, payload, vendorKey);
}

/**
 * Opens a response code for the product with `identity`, whose outstanding request has
 * `requestNonce`. Codes: ENVELOPE_MALFORMED, SIGNATURE_INVALID, RESPONSE_FOREIGN (another
 * product's), RESPONSE_STALE (answers an older request, or none is outstanding).
 */
export function openResponseCode(text: string, args: { vendorPublicKey: string; identity: string; requestNonce: string | null }): Result<ResponsePayload, Failure<UnsealErrorCode | 'RESPONSE_FOREIGN' | 'RESPONSE_STALE'>> {
  const opened = unseal(RESPONSE_CODE_KIND, text.replace(/\s+/g, ''), args.vendorPublicKey, responsePayloadSchema);
  if (!opened.ok) return opened;
  if (opened.value.fingerprint !== fingerprintOf(args.identity)) {
    return fail('RESPONSE_FOREIGN', 'this response code was issued for another product');
  }
  if (args.requestNonce === null || opened.value.requestNonce !== args.requestNonce) {
    return fail('RESPONSE_STALE', 'this response code answers an older request; create a new request code and process it again');
  }
  return opened;
}
