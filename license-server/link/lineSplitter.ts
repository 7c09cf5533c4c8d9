/**
 * Bytes in, whole lines out, for a line a machine writes: CR, LF or CRLF end a line, and
 * nothing else is special (no echo, no erase keys: nobody types at a license endpoint). A line
 * longer than `limit` bytes is discarded as it arrives and reported once at its end, so a flood
 * is never held; a line that is not UTF-8 is reported as such. Empty lines are skipped.
 */
export type SplitLine =
  | { readonly kind: 'line'; readonly text: string }
  /** `head`: the line's first bytes, as Latin-1, enough to tell a frame from other text. */
  | { readonly kind: 'overlong'; readonly bytes: number; readonly head: string }
  | { readonly kind: 'notText'; readonly bytes: number; readonly head: string };

export interface LineSplitter {
  feed(bytes: Uint8Array): void;
  /** Forgets a partial line: the bytes before a cable was pulled are not the start of the next one. */
  reset(): void;
}

const CR = 0x0d, LF = 0x0a;
const HEAD_BYTES = 16;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function createLineSplitter(options: { limit: number; onLine(line: SplitLine): void }): LineSplitter {
  const { limit, onLine } = options;
  let buffer = new Uint8Array(256);
  let length = 0;
  /** Bytes of the line so far, kept or not. */
  let seen = 0;
  let afterCr = false;

  const endLine = (): void => {
    const kept = buffer.subarray(0, length);
    const bytes = seen;
    length = 0;
    seen = 0;
    if (bytes === 0) return;
    const head = Buffer.from(kept.subarray(0, HEAD_BYTES)).toString('latin1');
    if (bytes > limit) return onLine({ kind: 'overlong', bytes, head });
    let text: string;
    try {
      text = utf8.decode(kept);
    } catch {
      return onLine({ kind: 'notText', bytes, head });
    }
    onLine({ kind: 'line', text });
  };

  return {
    feed(bytes) {
      for (const byte of bytes) {
        if (afterCr) {
          afterCr = false;
          if (byte === LF) continue;
        }
        if (byte === CR || byte === LF) {
          afterCr = byte === CR;
          endLine();
          continue;
        }
        seen++;
        // Past the limit only the first bytes are kept, for `head`.
        if (seen > limit && length >= HEAD_BYTES) continue;
        if (length === buffer.length) {
          const grown = new Uint8Array(Math.min(buffer.length * 2, Math.max(limit, buffer.length + 1)));
          grown.set(buffer);
          buffer = grown;
        }
        buffer[length++] = byte;
      }
    },
    reset() {
      length = 0;
      seen = 0;
      afterCr = false;
    },
  };
}
