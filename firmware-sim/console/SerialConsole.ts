import type { Unsubscribe } from '../../emulator/link/Link.ts';

/**
 * What a console has received and refused since it started. Every line received, but empty
 * lines and Ctrl-C'd ones, is counted under exactly one of these, so they add up to the lines sent.
 */
export interface ConsoleStats {
  /** Command lines answered, known or not (an `error UNKNOWN_COMMAND` or `USAGE` answer included). */
  lines: number;
  /** Typed lines refused `GARBAGE` for bytes that are not printable UTF-8 text. */
  garbage: number;
  /** Typed lines refused `LINE_TOO_LONG` for being over 4096 bytes. */
  overlong: number;
  /** Frames with a good CRC, handed to the serial link. */
  framesOk: number;
  /** Frames refused with a `~!` line: bad CRC, bad base64url, not UTF-8, control bytes, too long. */
  framesCorrupt: number;
  /**
   * Typed lines of any kind refused `BUSY`, because MAX_QUEUED_LINES lines were already waiting
   * for an answer; not counted as garbage or overlong even if they were.
   */
  dropped: number;
}

/** The firmware's serial console on one UART: the human side and the framed-message side. */
export interface SerialConsole {
  readonly deviceId: string;
  stats(): ConsoleStats;
  /** Writes one message as a frame line, starting on a fresh line. */
  sendFrame(message: string): void;
  /** Messages from frames with a good CRC. */
  onFrame(handler: (message: string) => void): Unsubscribe;
  /** Resolves once every line received so far has been answered. */
  idle(): Promise<void>;
  /** Stops reading the UART; commands under way finish but write nothing more. */
  close(): void;
  onClose(handler: () => void): Unsubscribe;
}
