/**
 * Crockford's base-32 alphabet: digits and capitals without I, L, O and U, so nothing read off
 * a screen or a label is ambiguous. Reading is forgiving the way Crockford specifies: lower case
 * is accepted, O reads as 0, I and L read as 1, and dashes and spaces are ignored.
 */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };

export interface NormalizedCode {
  /** Symbol values 0..31, separators removed. */
  symbols: number[];
  /** For each symbol, its 1-based position in the text as typed. */
  typedPositions: number[];
}

export type NormalizeError = { position: number; char: string };

export function normalize(text: string): NormalizedCode | NormalizeError {
  const symbols: number[] = [];
  const typedPositions: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const raw = text[i]!;
    if (raw === '-' || raw === ' ') continue;
    // ASCII only: toUpperCase() maps some other letters onto it ('ſ' to S, 'ı' to I), which
    // the error would then have to call "one of 0-9 and A-Z" although it is neither.
    const upper = raw <= '\x7e' ? raw.toUpperCase() : raw;
    const value = ALPHABET.indexOf(ALIASES[upper] ?? upper);
    if (value < 0) return { position: i + 1, char: raw };
    symbols.push(value);
    typedPositions.push(i + 1);
  }
  return { symbols, typedPositions };
}

export function encodeSymbols(symbols: readonly number[]): string {
  return symbols.map((s) => ALPHABET[s]).join('');
}

/** Splits a code into dash-separated groups for display, e.g. 6-6-5. */
export function group(code: string, sizes: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= code.length) break;
    parts.push(code.slice(at, at + size));
    at += size;
  }
  if (at < code.length) parts.push(code.slice(at));
  return parts.join('-');
}
