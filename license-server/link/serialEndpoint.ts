import type { Duplex } from 'node:stream';
import { Listeners, type Link } from '../../emulator/link/Link.ts';
import { FrameErrorCode } from '../../protocol/FrameErrorCode.ts';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import type { Failure } from '../../protocol/result.ts';
import { decodeSerialFrame, encodeSerialFrame, FRAME_MARKER, FRAME_REFUSAL_MARKER, frameRefusalLine, frameTooLarge, MAX_FRAME_LINE_BYTES } from '../../protocol/serialFrame.ts';
import { createLineSplitter, type SplitLine } from './lineSplitter.ts';

/** What the endpoint has read off its line and refused to write, since it was made. */
export interface SerialEndpointStats {
  /** Frames with a good CRC, handed to the server. */
  framesOk: number;
  /** Frames refused (bad CRC, format or size), each answered with a `~!` line. */
  framesCorrupt: number;
  /** `~!…` lines: the far end refused a frame this end wrote. Counted, never answered. */
  refusals: number;
  /** Text that is not a frame (a boot banner, a console's prompt and echo): skipped. */
  otherLines: number;
  /** Replies too large for a frame line, not written. */
  unsent: number;
}

/** Something worth a log line: a frame refused either way, or a refusal line received. */
export interface SerialTrouble {
  readonly kind: 'corrupt' | 'refusal' | 'oversized';
  readonly detail: string;
}

/**
 * The license server's end of a framed serial line, as a Link the server serves like any other
 * (`server.serveLink(endpoint)`). The line is a byte stream attached with `attach` — a real
 * serial port, a pty, a socket — and may be swapped for a new one when a cable is plugged in
 * again: the link, and so the server's reply cache for duplicate request IDs, stays the same.
 */
export interface SerialEndpoint extends Link {
  /**
   * Reads and writes frames on `stream`; the link is up until the stream ends, closes or fails,
   * or `detach()`. Its owner keeps an 'error' listener of its own: this one goes with the stream.
   */
  attach(stream: Duplex): void;
  /** Lets go of the stream (without closing it; its owner does); the link goes down. */
  detach(): void;
  stats(): SerialEndpointStats;
}

const LINE_END = '\r\n';

/**
 * Reads lines and writes frames as `~<base64url>*<crc32>\r\n` (protocol/serialFrame.ts). A
 * corrupt frame is answered with a `~!CODE message` line and counted, so firmware can tell a
 * noisy line from a refused request; a `~!` line is counted and never answered, so two ends
 * never trade refusals forever; other text is skipped, so the endpoint may share a line with a
 * console. What a good frame's JSON means is the server's to check, as on every link.
 */
export function serialEndpoint(options: { onTrouble?: (trouble: SerialTrouble) => void } = {}): SerialEndpoint {
  const stats: SerialEndpointStats = { framesOk: 0, framesCorrupt: 0, refusals: 0, otherLines: 0, unsent: 0 };
  const frames = new Listeners<string>();
  const status = new Listeners<boolean>();
  let stream: Duplex | undefined;
  let unlisten = (): void => {};

  const writeLine = (line: string): void => {
    if (stream?.writable === true) stream.write(line + LINE_END);
  };
  const refuse = (error: Failure<FrameErrorCode>): void => {
    stats.framesCorrupt++;
    const line = frameRefusalLine(error);
    options.onTrouble?.({ kind: 'corrupt', detail: line });
    writeLine(line);
  };
  const onLine = (line: SplitLine): void => {
    const head = line.kind === 'line' ? line.text : line.head;
    if (head.startsWith(FRAME_REFUSAL_MARKER)) {
      stats.refusals++;
      options.onTrouble?.({ kind: 'refusal', detail: head.slice(0, 200) });
      return;
    }
    if (!head.startsWith(FRAME_MARKER)) {
      stats.otherLines++;
      return;
    }
    if (line.kind === 'overlong') {
      return refuse(frameTooLarge(line.bytes));
    }
    if (line.kind === 'notText') return refuse({ code: FrameErrorCode.Format, message: 'serial frame: the line is not UTF-8 text' });
    const decoded = decodeSerialFrame(line.text);
    if (!decoded.ok) return refuse(decoded.error);
    stats.framesOk++;
    frames.emit(decoded.value);
  };
  const splitter = createLineSplitter({ limit: MAX_FRAME_LINE_BYTES, onLine });

  const detach = (): void => {
    if (stream === undefined) return;
    unlisten();
    stream = undefined;
    splitter.reset();
    status.emit(false);
  };

  return {
    attach(next) {
      detach();
      const onData = (chunk: Buffer | string): void => splitter.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      next.on('data', onData);
      // A stream that ended, closed or failed carries nothing more; its owner hears why.
      const ends = ['end', 'close', 'error'] as const;
      for (const event of ends) next.on(event, detach);
      unlisten = () => {
        next.off('data', onData);
        for (const event of ends) next.off(event, detach);
      };
      stream = next;
      status.emit(true);
    },
    detach,
    send(message) {
      const bytes = Buffer.byteLength(message);
      if (bytes > MAX_FRAME_BYTES) {
        stats.unsent++;
        options.onTrouble?.({ kind: 'oversized', detail: `reply of ${bytes} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit; not sent` });
        return;
      }
      writeLine(encodeSerialFrame(message));
    },
    onFrame: (handler) => frames.add(handler),
    isUp: () => stream !== undefined,
    onStatus: (handler) => status.add(handler),
    stats: () => ({ ...stats }),
  };
}
