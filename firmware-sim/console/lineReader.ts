/**
 * The console's line discipline: bytes in, whole lines out. CR, LF or CRLF end a line (and a
 * NUL after CR, which telnet sends); backspace or DEL erases the last character; Ctrl-C drops
 * the line. A line longer than its limit is discarded up to its end and reported once — the
 * reader never holds more than the limit, whatever arrives. A line holding bytes that are not
 * printable UTF-8 text (noise, binary data, the wrong baud rate) is reported as garbage.
 * The echo is always valid UTF-8: a character is echoed once its bytes are whole, and a byte
 * that cannot be part of one is echoed as U+FFFD, never raw, so a terminal is never sent bad text.
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
/** U+FFFD, echoed in place of bytes that are not UTF-8. */
const REPLACEMENT = Uint8Array.from([0xef, 0xbf, 0xbd]);
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
  /** The echo of a character whose bytes have not all arrived yet. */
  const echoed = createUtf8Echo((bytes) => echo?.(bytes));

  const reset = (): void => {
    echoed.clear();
    length = 0;
    seen = 0;
    firstByte = -1;
    garbage = false;
    quiet = false;
  };

  const endLine = (): void => {
    if (!quiet) {
      echoed.flush();
      echo?.(NEWLINE);
    }
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
    else if (!quiet) echoed.push(byte);
  };

  const erase = (): void => {
    if (length === 0 || seen > limit) return;
    // A character still arriving was not echoed yet, so there is nothing on the screen to erase.
    const shown = !echoed.clear();
    // One character, not one byte: drop UTF-8 continuation bytes with their lead byte.
    do length--;
    while (length > 0 && (buffer[length]! & 0xc0) === 0x80);
    seen = length;
    garbage = buffer.subarray(0, length).some((b) => b < 0x20 && b !== TAB);
    if (!quiet && shown) echo?.(ERASE);
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
          echoed.clear();
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

/**
 * Echoes UTF-8 one whole character at a time. `push` takes a byte; `flush` ends the line (an
 * unfinished character shows as U+FFFD); `clear` forgets an unfinished one and says if there was.
 * C1 controls are not echoed, as C0 ones are not: the line is refused as garbage anyway.
 */
function createUtf8Echo(out: (bytes: Uint8Array) => void): { push(byte: number): void; flush(): void; clear(): boolean } {
  const pending: number[] = [];
  let need = 0;
  const bad = (): void => {
    pending.length = 0;
    need = 0;
    out(REPLACEMENT);
  };
  const flush = (): void => {
    if (pending.length > 0) bad();
  };
  return {
    push(byte) {
      if (byte < 0x80) {
        flush();
        if (byte !== DEL) out(Uint8Array.of(byte));
      } else if (byte < 0xc0) {
        if (pending.length === 0) return bad();
        pending.push(byte);
        if (pending.length < need) return;
        const text = decodeUtf8(Uint8Array.from(pending));
        pending.length = 0;
        if (text === undefined) out(REPLACEMENT);
        else if (!/\p{Cc}/u.test(text)) out(Buffer.from(text, 'utf8'));
      } else {
        flush();
        need = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
        if (need === 0) return out(REPLACEMENT);
        pending.push(byte);
      }
    },
    flush,
    clear() {
      const had = pending.length > 0;
      pending.length = 0;
      return had;
    },
  };
}

/** The text of whole UTF-8 bytes, or undefined if they are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
