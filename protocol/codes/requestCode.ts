import { createHash } from 'node:crypto';
import { appendChecks, readCheckedCode } from './checkedCode.ts';
import { ALPHABET, encodeSymbols, group, normalize } from './base32.ts';
import type { IntSource } from './activationKey.ts';
import { fail, ok, type Failure, type Result } from '../result.ts';

/**
 * Request codes: what an offline product shows so a person can copy it by hand into a portal
 * (CL-4, CL-5, SS-8). 22 characters in groups of five: 12 for the product's fingerprint (60
 * bits of SHA-256 over its identity), 8 for a fresh request nonce (40 bits), 2 check characters
 * that name the position of a single mistyped one. The response code a portal issues answers
 * exactly one request: it carries the fingerprint and the nonce back (see responseCode.ts).
 */
export const REQUEST_CODE_LENGTH = 22;
const FINGERPRINT_SYMBOLS = 12;
const NONCE_SYMBOLS = 8;
const GROUPS = [5, 5, 5, 5, 2];

export interface RequestCode {
  /** Grouped for display, e.g. `7K2QF-…-XX`. */
  readonly code: string;
  /** 12 base-32 characters identifying the product. */
  readonly fingerprint: string;
  /** 8 base-32 characters, fresh for each request. */
  readonly nonce: string;
}

/** The fingerprint of a product identity (hardware ID, install code, serial…), 12 base-32 characters. */
export function fingerprintOf(identity: string): string {
  const digest = createHash('sha256').update(identity).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < FINGERPRINT_SYMBOLS; i++) out += ALPHABET[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
  return out;
}

export function newRequestCode(args: { identity: string; random: IntSource }): RequestCode {
  const fingerprint = fingerprintOf(args.identity);
  const nonce = encodeSymbols(Array.from({ length: NONCE_SYMBOLS }, () => args.random.int(0, 32)));
  const norm = normalize(fingerprint + nonce);
  if ('char' in norm) throw new Error('unreachable: fingerprint and nonce are base-32');
  return { code: group(encodeSymbols(appendChecks(norm.symbols)), GROUPS), fingerprint, nonce };
}

/** Reads a typed request code; errors (CODE_INVALID) name the position of the wrong character. */
export function readRequestCode(text: string): Result<RequestCode, Failure<'CODE_INVALID'>> {
  const read = readCheckedCode(text, { name: 'request code', length: REQUEST_CODE_LENGTH });
  if (!read.ok) return read;
  const compact = read.value;
  return ok({
    code: group(compact, GROUPS),
    fingerprint: compact.slice(0, FINGERPRINT_SYMBOLS),
    nonce: compact.slice(FINGERPRINT_SYMBOLS, FINGERPRINT_SYMBOLS + NONCE_SYMBOLS),
  });
}

/** Refuses a request code that is not this product's (CODE_FOREIGN). */
export function checkRequestFor(code: RequestCode, identity: string): Result<RequestCode, Failure<'CODE_FOREIGN'>> {
  return code.fingerprint === fingerprintOf(identity)
    ? ok(code)
    : fail('CODE_FOREIGN', 'this request code was made by another product');
}
