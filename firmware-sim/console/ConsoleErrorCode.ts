/**
 * Error codes of the serial console itself, beside the codes of the commands it runs (which
 * answer with their operation's code). Each is shown as `error CODE: message`.
 */
export const ConsoleErrorCode = {
  /** No console command has this name; `help` lists them. */
  UnknownCommand: 'UNKNOWN_COMMAND',
  /** The command's arguments do not fit its usage line, which the message shows. */
  Usage: 'USAGE',
  /** A double quote in the typed line is not closed. */
  BadQuotes: 'BAD_QUOTES',
  /** The line held bytes that are not printable text (binary data, or the wrong line settings). */
  Garbage: 'GARBAGE',
  /** The line was longer than the console's limit; the whole line was discarded. */
  LineTooLong: 'LINE_TOO_LONG',
  /**
   * More lines arrived than the console holds waiting for an answer (MAX_QUEUED_LINES, behind a
   * slow command or pasted at once); the message says how many of them were refused.
   */
  Busy: 'BUSY',
} as const;
export type ConsoleErrorCode = (typeof ConsoleErrorCode)[keyof typeof ConsoleErrorCode];

declare module '../../protocol/errorCodes.ts' {
  interface ErrorCodeLayers {
    console: ConsoleErrorCode;
  }
}
