import { Listeners, type Link } from '../../emulator/link/Link.ts';
import type { Uart } from '../../emulator/uart/Uart.ts';
import { decodeSerialFrame, encodeSerialFrame, FRAME_MARKER, FRAME_REFUSAL_MARKER, MAX_FRAME_LINE_BYTES } from '../../protocol/serialFrame.ts';
import { createLineReader } from './lineReader.ts';

/** What the host end has read off the line. */
export interface HostLinkStats {
  framesOk: number;
  /** Frames from the device that failed their CRC or format; dropped, not answered. */
  framesCorrupt: number;
  /** `~!…` lines: the device refused a frame this end sent. */
  refusals: number;
  /** Console text between the frames (prompts, echo, banners), skipped. */
  otherLines: number;
}

export interface SerialHostLink extends Link {
  stats(): HostLinkStats;
  /** The device's refusal lines, e.g. `~!CRC serial frame: CRC mismatch: …`. */
  onRefusal(handler: (line: string) => void): () => void;
  /** Stops reading the UART; the link goes down. */
  close(): void;
}

/**
 * The far end of a device's framed serial link — the license server's side of the cable, or a
 * test's. It reads frame lines among the console's other output and writes frames as lines.
 * A corrupt frame from the device is counted and dropped, never answered: two ends refusing
 * each other's refusals would chatter forever.
 */
export function serialHostLink(options: { uart: Uart }): SerialHostLink {
  const { uart } = options;
  const stats: HostLinkStats = { framesOk: 0, framesCorrupt: 0, refusals: 0, otherLines: 0 };
  const frames = new Listeners<string>();
  const refusals = new Listeners<string>();
  const status = new Listeners<boolean>();
  let up = true;
  const reader = createLineReader({
    limitFor: () => MAX_FRAME_LINE_BYTES,
    onEvent(event) {
      if (event.kind !== 'line') {
        if (event.kind !== 'cancel') stats.otherLines++;
        return;
      }
      const text = event.text;
      if (text.startsWith(FRAME_REFUSAL_MARKER)) {
        stats.refusals++;
        refusals.emit(text);
      } else if (text.startsWith(FRAME_MARKER)) {
        const decoded = decodeSerialFrame(text);
        if (!decoded.ok) stats.framesCorrupt++;
        else {
          stats.framesOk++;
          frames.emit(decoded.value);
        }
      } else stats.otherLines++;
    },
  });
  const unsubscribe = uart.onData((bytes) => reader.feed(bytes));
  return {
    send(frame) {
      if (up) uart.write(Buffer.from(`${encodeSerialFrame(frame)}\r\n`, 'utf8'));
    },
    onFrame: (handler) => frames.add(handler),
    isUp: () => up,
    onStatus: (handler) => status.add(handler),
    stats: () => ({ ...stats }),
    onRefusal: (handler) => refusals.add(handler),
    close() {
      if (!up) return;
      up = false;
      unsubscribe();
      status.emit(false);
    },
  };
}
