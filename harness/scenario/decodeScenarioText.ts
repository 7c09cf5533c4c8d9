import type { LoadError } from './loadErrors.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file past the size limit, named at the line where it passes it: the YAML parser's time grows
 * with the file, so a huge one is refused before it is parsed.
 */
export function tooLarge(bytes: Uint8Array, file: string, limit: number): LoadError | undefined {
  if (bytes.length <= limit) return undefined;
  const { line, column } = positionAfter(new TextDecoder('utf-8').decode(bytes.subarray(0, limit)));
  return { file, line, column, message: `the file is ${Math.ceil(bytes.length / 1024)} KiB; a scenario file may be at most ${limit / 1024} KiB, and this is where it passes that` };
}

/**
 * A scenario file's bytes as text, or where they stop being UTF-8. Node's own decoding turns a
 * bad byte into U+FFFD silently, so a damaged file would load and mean something else.
 */
export function decodeScenarioText(bytes: Uint8Array, file: string): { ok: true; text: string } | { ok: false; error: LoadError } {
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const { line, column } = positionAfter(before);
    const byte = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, error: { file, line, column, message: `not UTF-8: byte 0x${byte} at offset ${bad} does not start or continue a character; save the file as UTF-8` } };
  }
}

/**
 * Characters YAML does not allow in a stream (YAML 1.2 §5.1, c-printable): C0 controls other
 * than tab, line feed and carriage return — NUL among them — DEL, C1 controls other than NEL,
 * and U+FFFE/U+FFFF. Returns the first, or undefined.
 */
export function forbiddenCharacter(text: string, file: string): LoadError | undefined {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const m = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/.exec(text);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  const name = code === 0 ? 'a NUL byte (U+0000)' : `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const { line, column } = positionAfter(text.slice(0, m.index));
  return { file, line, column, message: `${name} is not allowed in a scenario file` };
}

/** Offset of the first byte that breaks UTF-8 (overlong forms and surrogates included). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const [length, min, max] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** 1-based line and column (in UTF-16 units, as the YAML parser counts) just after `before`. */
function positionAfter(before: string): { line: number; column: number } {
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: before.length - lastBreak };
}
