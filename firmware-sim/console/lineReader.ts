/**
 * The console's line discipline: bytes in, whole lines out. CR, LF or CRLF end a line (and a
 * NUL after CR, which telnet sends); backspace or DEL erases the last character; Ctrl-C drops
 * the line. A line longer than its limit is discarded up to its end and reported once — the
 * reader never holds more than the limit, whatever arrives. A line holding bytes that are not
 * printable UTF-8 text (noise, binary data, the wrong baud rate) is reported as garbage.
 */
export type LineEvent =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'garbage'; readonly bytes: number; readonly firstByte: number }
  | { readonly kind: 'overlong'; readonly bytes: number; readonly firstByte: number; readonly limit: number }
  | { readonly kind: 'cancel' };

export interface LineReaderOptions {
  /** The longest line kept, in bytes, by the line's first byte (frames may be longer than typed lines). */
  limitFor(firstByte: number): number;
  onEvent(event: LineEvent): void;
  /** Where typed characters are echoed; no echo when omitted. */
  echo?: (bytes: Uint8Array) => void;
  /** Lines starting with this byte are not echoed: they are for machines (frames). */
  quietFirstByte?: number;
}

export interface LineReader {
  feed(bytes: Uint8Array): void;
}

const CR = 0x0d, LF = 0x0a, NUL = 0x00, BS = 0x08, DEL = 0x7f, ETX = 0x03, TAB = 0x09;
const ERASE = Uint8Array.from([BS, 0x20, BS]);
const NEWLINE = Uint8Array.from([CR, LF]);
const utf8 = new TextDecoder('utf-8', { fatal: true });
// C0 and C1 controls other than tab: not text a person typed.
const UNPRINTABLE = /(?!\t)\p{Cc}/u;

export function createLineReader(options: LineReaderOptions): LineReader {
  const { limitFor, onEvent, echo } = options;
  let buffer: Uint8Array = new Uint8Array(256);
  let length = 0;
  /** Bytes of the line so far, kept or not. */
  let seen = 0;
  let firstByte = -1;
  let limit = 0;
  let garbage = false;
  let quiet = false;
  let afterCr = false;

  const reset = (): void => {
    length = 0;
    seen = 0;
    firstByte = -1;
    garbage = false;
    quiet = false;
  };

  const endLine = (): void => {
    if (!quiet) echo?.(NEWLINE);
    if (seen > limit && firstByte >= 0) onEvent({ kind: 'overlong', bytes: seen, firstByte, limit });
    else if (garbage) onEvent({ kind: 'garbage', bytes: seen, firstByte });
    else {
      const text = decode(buffer.subarray(0, length));
      onEvent(text === undefined ? { kind: 'garbage', bytes: seen, firstByte } : { kind: 'line', text });
    }
    reset();
  };

  const keep = (byte: number): void => {
    if (firstByte < 0) {
      firstByte = byte;
      limit = limitFor(byte);
      quiet = byte === options.quietFirstByte;
    }
    seen++;
    if (seen > limit) return;
    if (length === buffer.length) buffer = grow(buffer, limit);
    buffer[length++] = byte;
    if (byte < 0x20 && byte !== TAB) garbage = true;
    else if (!quiet) echo?.(Uint8Array.of(byte));
  };

  const erase = (): void => {
    if (length === 0 || seen > limit) return;
    // One character, not one byte: drop UTF-8 continuation bytes with their lead byte.
    do length--;
    while (length > 0 && (buffer[length]! & 0xc0) === 0x80);
    seen = length;
    garbage = buffer.subarray(0, length).some((b) => b < 0x20 && b !== TAB);
    if (!quiet) echo?.(ERASE);
    if (length === 0) reset();
  };

  return {
    feed(bytes) {
      for (const byte of bytes) {
        if (afterCr) {
          afterCr = false;
          if (byte === LF || byte === NUL) continue;
        }
        if (byte === CR || byte === LF) {
          afterCr = byte === CR;
          endLine();
        } else if (byte === BS || byte === DEL) erase();
        else if (byte === ETX) {
          if (!quiet) echo?.(Uint8Array.from([0x5e, 0x43, CR, LF]));
          reset();
          onEvent({ kind: 'cancel' });
        } else keep(byte);
      }
    },
  };
}

function grow(buffer: Uint8Array, limit: number): Uint8Array {
  const next = new Uint8Array(Math.min(buffer.length * 2, Math.max(limit, buffer.length + 1)));
  next.set(buffer);
  return next;
}

function decode(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8.decode(bytes);
    return UNPRINTABLE.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}
