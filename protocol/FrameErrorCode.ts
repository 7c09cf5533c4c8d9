/**
 * Stable codes of a refused serial frame (protocol/serialFrame.ts); the refusal line carries the
 * short form. A leaf file, so the error-code union can name them without importing the framing.
 */
export const FrameErrorCode = {
  /** The frame's CRC does not match its payload: a character was lost or changed on the line. */
  Crc: 'FRAME_CRC',
  /** The line is not `~<base64url>*<crc32 hex8>`, or its payload is not whole bytes of UTF-8. */
  Format: 'FRAME_FORMAT',
  /** The frame line is longer than a MAX_FRAME_BYTES message can make. */
  TooLarge: 'FRAME_TOO_LARGE',
} as const;
export type FrameErrorCode = (typeof FrameErrorCode)[keyof typeof FrameErrorCode];
