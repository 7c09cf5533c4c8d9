import { describe, expect, it } from 'vitest';
import { readCheckedCode, appendChecks } from './checkedCode.ts';
import { ACTIVATION_KEY_LENGTH, newActivationKey, readActivationKey } from './activationKey.ts';
import { ALPHABET, encodeSymbols } from './base32.ts';
import { createRandom } from '../../emulator/random/Random.ts';

const keys = Array.from({ length: 5 }, (_, i) => newActivationKey(createRandom(`checked-code-${i}`)));
const spec = { name: 'activation key', length: ACTIVATION_KEY_LENGTH };

function replaceAt(text: string, index: number, char: string): string {
  return text.slice(0, index) + char + text.slice(index + 1);
}

describe('checked codes', () => {
  it('[PC-5] a fresh activation key is 17 characters in groups of 6-6-5 and reads back unchanged', () => {
    for (const key of keys) {
      expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}-[0-9A-HJKMNP-TV-Z]{6}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(readActivationKey(key)).toEqual({ ok: true, value: key });
    }
  });

  it('[GW-1] refuses every single-character substitution and names the position as typed', () => {
    for (const key of keys) {
      for (let i = 0; i < key.length; i++) {
        if (key[i] === '-') continue;
        for (const char of ALPHABET) {
          if (char === key[i]) continue;
          const read = readCheckedCode(replaceAt(key, i, char), spec);
          expect(read.ok).toBe(false);
          if (read.ok) continue;
          expect(read.error.code).toBe('CODE_INVALID');
          expect(read.error.where).toBe(`position ${i + 1}`);
          expect(read.error.message).toContain(`character ${i + 1} ('${char}')`);
        }
      }
    }
  });

  it('[GW-1] refuses every swap of two adjacent different characters', () => {
    for (const key of keys) {
      const compact = key.replaceAll('-', '');
      for (let i = 0; i + 1 < compact.length; i++) {
        if (compact[i] === compact[i + 1]) continue;
        const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
        const read = readCheckedCode(swapped, spec);
        expect(read.ok, `swap at ${i + 1} of ${compact}`).toBe(false);
        if (!read.ok) expect(read.error.code).toBe('CODE_INVALID');
      }
    }
  });

  it('accepts lower case and the Crockford aliases O for 0 and I, L for 1', () => {
    const key = encodeSymbols(appendChecks([0, 1, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    expect(key.slice(0, 5)).toBe('01101');
    const typed = `oIl0L${key.slice(5).toLowerCase()}`;
    expect(readCheckedCode(typed, spec)).toEqual({ ok: true, value: key });
  });

  it('ignores dashes and spaces wherever they are typed', () => {
    const key = keys[0]!;
    const compact = key.replaceAll('-', '');
    expect(readCheckedCode(compact, spec)).toEqual({ ok: true, value: compact });
    const scattered = `${compact.slice(0, 3)} - ${compact.slice(3, 10)}--${compact.slice(10)}`;
    expect(readActivationKey(scattered)).toEqual({ ok: true, value: key });
  });

  it('names the position of a character outside the alphabet, such as U', () => {
    const key = keys[1]!;
    const read = readCheckedCode(replaceAt(key, 8, 'U'), spec);
    expect(read).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: 'position 9' } });
    if (!read.ok) expect(read.error.message).toContain("character 9 ('U') is not one of");
  });

  it('refuses a key of the wrong length, saying how long it is', () => {
    const read = readCheckedCode(keys[2]!.slice(0, -1), spec);
    expect(read).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: 'length' } });
    if (!read.ok) expect(read.error.message).toContain('has 16 characters, expected 17');
    expect(readCheckedCode('', spec).ok).toBe(false);
  });
});
