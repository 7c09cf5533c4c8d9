import { describe, expect, it } from 'vitest';
import { decodeScenarioText, forbiddenCharacter, tooLarge } from './decodeScenarioText.ts';
import { formatLoadError } from './loadErrors.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('decodeScenarioText', () => {
  it('reads UTF-8, a byte-order mark and all', () => {
    expect(decodeScenarioText(bytes('name: "café ✓"\n'), 'x.yaml')).toEqual({ ok: true, text: 'name: "café ✓"\n' });
  });

  it('refuses bytes that are not UTF-8 at their line and column', () => {
    const at = (b: Buffer) => {
      const r = decodeScenarioText(b, 'x.yaml');
      return r.ok ? 'decoded' : formatLoadError(r.error);
    };
    expect(at(bytes('a: 1\nb: é', [0xff], '\n'))).toBe('x.yaml:2:5: not UTF-8: byte 0xFF at offset 10 does not start or continue a character; save the file as UTF-8');
    expect(at(bytes('a: ', [0xc0, 0xaf]))).toMatch(/^x\.yaml:1:4: not UTF-8: byte 0xC0/);
    expect(at(bytes('a: ', [0xed, 0xa0, 0x80]))).toMatch(/^x\.yaml:1:4: not UTF-8: byte 0xED/);
    expect(at(bytes('a: ', [0xe2, 0x9c]))).toMatch(/^x\.yaml:1:4: not UTF-8: byte 0xE2/);
  });
});

describe('forbiddenCharacter', () => {
  it('names a NUL byte and other control characters where they stand', () => {
    expect(formatLoadError(forbiddenCharacter('a: 1\nb: x\0y\n', 'x.yaml')!)).toBe('x.yaml:2:5: a NUL byte (U+0000) is not allowed in a scenario file');
    expect(formatLoadError(forbiddenCharacter('a: \x1b[31m\n', 'x.yaml')!)).toBe('x.yaml:1:4: control character U+001B is not allowed in a scenario file');
  });

  it('allows tabs, line breaks, and printable text in any script', () => {
    expect(forbiddenCharacter('a:\t1\r\nb: "日本語 ✓ \u{1F600}"\n', 'x.yaml')).toBeUndefined();
  });
});

describe('tooLarge', () => {
  it('refuses a file past the limit at the line and column where it passes it', () => {
    expect(tooLarge(Buffer.from('ab\ncdef\n'), 'x.yaml', 8)).toBeUndefined();
    expect(formatLoadError(tooLarge(Buffer.from('a: 1\n'.repeat(300)), 'x.yaml', 1024)!)).toBe('x.yaml:205:5: the file is 2 KiB; a scenario file may be at most 1 KiB, and this is where it passes that');
  });
});
