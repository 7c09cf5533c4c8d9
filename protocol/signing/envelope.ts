import type { z } from 'zod';
import { signText, verifyText, type SigningKey } from './ed25519.ts';
import { fail, ok, type Failure, type Result } from '../result.ts';

/**
 * A signed, copy-pasteable blob: `KIND.payload.signature`, payload being base64url JSON. The
 * same shape serves license files, device certificates and response codes; only the kind
 * prefix and the payload schema differ.
 */
export function seal(kind: string, payload: unknown, key: SigningKey): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${kind}.${body}.${signText(key, `${kind}.${body}`)}`;
}

/**
 * Opens a sealed blob: checks the kind, the signature against `publicKey`, then the payload's
 * shape. Codes: `ENVELOPE_MALFORMED`, `SIGNATURE_INVALID`.
 */
/** Why a blob does not open. */
export type UnsealErrorCode = 'ENVELOPE_MALFORMED' | 'SIGNATURE_INVALID';

export function unseal<T>(kind: string, text: string, publicKey: string, schema: z.ZodType<T>): Result<T, Failure<UnsealErrorCode>> {
  const parts = text.trim().split('.');
  if (parts.length !== 3 || parts[0] !== kind) {
    return fail('ENVELOPE_MALFORMED', `not a ${kind} blob: expected ${kind}.<payload>.<signature>`);
  }
  const [, body, signature] = parts as [string, string, string];
  if (!verifyText(publicKey, `${kind}.${body}`, signature)) {
    return fail('SIGNATURE_INVALID', `${kind} signature does not verify: the blob was altered or not issued by the expected key`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return fail('ENVELOPE_MALFORMED', `${kind} payload is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('ENVELOPE_MALFORMED', `${kind} payload: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return ok(parsed.data);
}
