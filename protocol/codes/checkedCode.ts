import { add, div, log, mul, pow } from './gf32.ts';
import { encodeSymbols, normalize } from './base32.ts';
import { fail, ok, type Failure, type Result } from '../result.ts';

/**
 * Codes typed by hand end in two check characters, computed as a Reed–Solomon-style code over
 * GF(32): every codeword c satisfies Σ cᵢ = 0 and Σ cᵢ·αⁱ = 0. Any one wrong character gives
 * syndromes S₁ = e and S₂ = e·αʲ, so its position j = log(S₂/S₁) can be named to the typist;
 * two wrong characters (a swapped pair included) are always detected.
 */
export const CHECK_SYMBOLS = 2;

export function appendChecks(data: readonly number[]): number[] {
  const n = data.length + CHECK_SYMBOLS;
  if (n > 31) throw new RangeError('checked codes hold at most 29 data symbols');
  let a = 0;
  let b = 0;
  data.forEach((c, i) => {
    a = add(a, c);
    b = add(b, mul(c, pow(i)));
  });
  // Solve x + y = a and x·αⁿ⁻² + y·αⁿ⁻¹ = b for the two check symbols x, y.
  const x = div(add(b, mul(a, pow(n - 1))), add(pow(n - 2), pow(n - 1)));
  const y = add(a, x);
  return [...data, x, y];
}

export interface CheckedCodeSpec {
  /** What the code is called in messages, e.g. "activation key". */
  name: string;
  /** Characters without separators, check characters included. */
  length: number;
}

/**
 * Reads a typed code. Errors (code `CODE_INVALID`) say what is wrong and where, counting
 * positions in the text as typed: a character outside the alphabet, a wrong length, or the
 * one character that does not check out.
 */
export function readCheckedCode(text: string, spec: CheckedCodeSpec): Result<string, Failure<'CODE_INVALID'>> {
  const norm = normalize(text);
  if ('char' in norm) {
    return fail('CODE_INVALID', `${spec.name}: character ${norm.position} ('${norm.char}') is not one of 0-9 and A-Z without I, L, O, U`, `position ${norm.position}`);
  }
  const { symbols, typedPositions } = norm;
  if (symbols.length !== spec.length) {
    return fail('CODE_INVALID', `${spec.name}: has ${symbols.length} characters, expected ${spec.length}`, 'length');
  }
  let s1 = 0;
  let s2 = 0;
  symbols.forEach((c, i) => {
    s1 = add(s1, c);
    s2 = add(s2, mul(c, pow(i)));
  });
  if (s1 === 0 && s2 === 0) return ok(encodeSymbols(symbols));
  if (s1 !== 0 && s2 !== 0) {
    const j = log(div(s2, s1));
    if (j < symbols.length) {
      const typed = typedPositions[j]!;
      return fail('CODE_INVALID', `${spec.name}: character ${typed} ('${text[typed - 1]}') looks mistyped; the check characters do not match`, `position ${typed}`);
    }
  }
  return fail('CODE_INVALID', `${spec.name}: more than one character is wrong; the check characters do not match`);
}
