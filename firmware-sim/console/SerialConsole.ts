import type { Unsubscribe } from '../../emulator/link/Link.ts';

/** What a console has received and refused since it started. */
export interface ConsoleStats {
  /** Command lines answered (empty lines not counted). */
  lines: number;
  /** Lines refused for bytes that are not printable UTF-8 text. */
  garbage: number;
  /** Lines refused for being longer than the limit (4096 bytes typed, a 64 KiB message framed). */
  overlong: number;
  /** Frames with a good CRC, handed to the serial link. */
  framesOk: number;
  /** Frames refused: bad CRC, bad base64url, not UTF-8, too long. */
  framesCorrupt: number;
  /** Command lines dropped because too many were waiting behind a slow command. */
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
