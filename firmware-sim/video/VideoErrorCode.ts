/**
 * Error codes of the video product's own operations, beside the shared device codes
 * (firmware-sim/shared/DeviceErrorCode.ts) and the wire codes it passes through from the portal
 * (protocol/errorCodes.ts: TOKEN_UNKNOWN, TOKEN_REVOKED, RESPONSE_STALE, …). Stable: scenarios
 * branch on them.
 */
export const VideoErrorCode = {
  /** The operation belongs to the other license mode (e.g. Update License in restrictive mode). */
  WrongMode: 'WRONG_MODE',
  /** Update License needs an access token. */
  TokenMissing: 'TOKEN_MISSING',
} as const;
export type VideoErrorCode = (typeof VideoErrorCode)[keyof typeof VideoErrorCode];

declare module '../../protocol/errorCodes.ts' {
  interface ErrorCodeLayers {
    video: VideoErrorCode;
  }
}
