import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../emulator/random/Random.ts';
import { openResponseCode, sealResponseCode, type ResponsePayload } from '../responseCode.ts';
import type { Failure, Result } from '../result.ts';
import { signingKeyFromSeed } from '../signing/ed25519.ts';
import { ACTIVATION_KEY_LENGTH, newActivationKey, readActivationKey, type IntSource } from './activationKey.ts';
import { ALPHABET } from './base32.ts';
import { fingerprintOf, newRequestCode, readRequestCode, REQUEST_CODE_LENGTH } from './requestCode.ts';

/**
 * Typed codes meet people and pasted junk: whatever the text, reading it returns a value —
 * the code, or CODE_INVALID saying where — and never throws. One wrong character in a valid
 * code is refused naming its position as typed, unless it reads as the same character
 * (lower case, O for 0, I or L for 1, a separator for a separator).
 */

/** What a person may type in place of one character: the alphabet, its lenient readings, separators, and junk. */
const typedChar = fc.oneof(
  fc.constantFrom(...ALPHABET, ...ALPHABET.toLowerCase(), 'O', 'o', 'I', 'i', 'L', 'l', 'U', 'u', '-', ' '),
  fc.constantFrom('!', '_', '.', '\t', '\n', '\u0000', 'é', 'ı', 'ſ', 'K', 'Ø', '０', '€', '😀'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
/** Integers from fast-check, so the codes it builds shrink and replay with the suite's seed. */
const intSource = fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 32, maxLength: 32 }).map((symbols): IntSource => {
  let next = 0;
  return { int: (min, max) => min + (symbols[next++ % symbols.length]! % (max - min)) };
});

/** The symbol a typed character reads as, the way the vendor documents describe it; null for a separator, undefined for none. */
function readsAs(char: string): string | null | undefined {
  if (char === '-' || char === ' ') return null;
  if (!/^[\x21-\x7e]$/.test(char)) return undefined;
  const upper = char.toUpperCase();
  const symbol = ({ O: '0', I: '1', L: '1' } as Record<string, string>)[upper] ?? upper;
  return ALPHABET.includes(symbol) ? symbol : undefined;
}

function replaceAt(text: string, index: number, char: string): string {
  return text.slice(0, index) + char + text.slice(index + 1);
}

/** Nothing but a Result, whatever the text; a refusal is CODE_INVALID, and a position it names is inside the text. */
function expectReadResult(text: string, read: () => Result<unknown, Failure>) {
  let result: Result<unknown, Failure> | undefined;
  expect(() => (result = read())).not.toThrow();
  if (result!.ok) return;
  expect(result!.error.code).toBe('CODE_INVALID');
  expect(result!.error.message).toMatch(/\S/);
  const where = result!.error.where;
  if (where === undefined || where === 'length') return;
  const position = Number(/^position (\d+)$/.exec(where)?.[1]);
  expect(position).toBeGreaterThanOrEqual(1);
  expect(position).toBeLessThanOrEqual(text.length);
}

const families = [
  { name: 'activation key', length: ACTIVATION_KEY_LENGTH, fresh: (random: IntSource) => newActivationKey(random), read: readActivationKey },
  {
    name: 'request code',
    length: REQUEST_CODE_LENGTH,
    fresh: (random: IntSource) => newRequestCode({ identity: 'fuzz-product', random }).code,
    read: readRequestCode,
  },
] as const;

describe.each(families)('typed $name', ({ length, fresh, read }) => {
  it('[GW-1][CL-4] refuses a letter that only upper-cases onto the alphabet, naming it', () => {
    const code = fresh({ int: (min) => min });
    // In place of a separator, so a letter read as a symbol would show as a wrong length instead.
    const at = code.indexOf('-');
    for (const lookalike of ['ı', 'ſ']) expect(read(replaceAt(code, at, lookalike))).toMatchObject({ ok: false, error: { where: `position ${at + 1}` } });
  });

  it('[GW-1][CL-4] reads any text to a value, never throwing; what it accepts reads back the same', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...ALPHABET, '-', ' ', 'o', 'l'), maxLength: length + 6 })), (text) => {
        expectReadResult(text, () => read(text));
        const result = read(text);
        if (!result.ok) return;
        const canonical = typeof result.value === 'string' ? result.value : result.value.code;
        const again = read(canonical);
        expect(again).toEqual(result);
      }),
    );
  });

  it('[GW-1][CL-4] one character typed differently in a valid code is accepted exactly when it reads the same, else refused naming its position', () => {
    fc.assert(
      fc.property(intSource, fc.nat(), typedChar, (random, at, char) => {
        const code = fresh(random);
        const index = at % code.length;
        const typed = replaceAt(code, index, char);
        const result = read(typed);
        expectReadResult(typed, () => read(typed));
        const was = readsAs(code[index]!);
        const now = readsAs(char);
        if (now === was) {
          expect(result).toEqual(read(code));
        } else if (now === undefined) {
          // A character that is no symbol at all: named where it was typed.
          expect(result).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: `position ${index + 1}` } });
        } else if (now === null || was === null) {
          // A separator for a symbol or a symbol for a separator: the code has the wrong length.
          expect(result).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: 'length' } });
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: `position ${index + 1}` } });
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('response codes', () => {
  const vendorKey = signingKeyFromSeed(createRandom('fuzz-vendor').bytes(32));
  const identity = 'fuzz-product';
  const payload: ResponsePayload = {
    family: 'video', fingerprint: fingerprintOf(identity), requestNonce: 'ABCDEFGH', issuedAt: 0,
    grants: [{ licenseId: 'entitlement:CLARITI-PORTS', featureCode: 'CLARITI-PORTS', count: 10, end: null }],
  };
  const genuine = sealResponseCode(payload, vendorKey);
  const open = (text: string) => openResponseCode(text, { vendorPublicKey: vendorKey.publicKey, identity, requestNonce: payload.requestNonce });
  const refusals = ['ENVELOPE_MALFORMED', 'SIGNATURE_INVALID', 'RESPONSE_FOREIGN', 'RESPONSE_STALE'];

  it('[CL-7][SS-8] opens any text to a value, never throwing, refusing all but a genuine code', () => {
    expect(open(genuine)).toEqual({ ok: true, value: payload });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string().map((s) => `RSP1.${s}`), fc.tuple(fc.base64String(), fc.base64String()).map(([a, b]) => `RSP1.${a}.${b}`)), (text) => {
        let result: ReturnType<typeof open> | undefined;
        expect(() => (result = open(text))).not.toThrow();
        expect(result!.ok).toBe(false);
        if (!result!.ok) expect(refusals).toContain(result!.error.code);
      }),
    );
  });

  it('[CL-7][SS-8] one character changed in a genuine code is refused with a stable code, or opens to exactly the genuine payload', () => {
    fc.assert(
      fc.property(fc.nat(), typedChar, (at, char) => {
        const index = at % genuine.length;
        const result = open(replaceAt(genuine, index, char));
        if (result.ok) expect(result.value).toEqual(payload);
        else expect(refusals).toContain(result.error.code);
        // Only whitespace, which copying a code by hand may add, leaves it readable.
        if (result.ok) expect(char === genuine[index] || /^\s$/.test(char)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
