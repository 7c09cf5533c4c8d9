/**
 * Error codes a device's own operations return, beside the wire codes in
 * protocol/errorCodes.ts (which the device also passes through, e.g. SIGNATURE_INVALID or a
 * portal's TEST_LICENSE_ALREADY_ISSUED). Stable: callers and scenarios branch on them.
 */
export const DeviceErrorCode = {
  /** The firmware is off or still booting. */
  NotRunning: 'NOT_RUNNING',
  /** A grant or setting would exceed the licensed amount (GW-7). */
  LicenseLimit: 'LICENSE_LIMIT',
  /** Power went during the NVRAM write: the change did not happen. */
  PowerLoss: 'POWER_LOSS',
  /** NVRAM refused the write for another reason (full, worn): the change did not happen. */
  NvramWriteFailed: 'NVRAM_WRITE_FAILED',
  /** The portal's reply did not have the shape its operation promises, or refused with a code the protocol does not define. */
  BadReply: 'BAD_REPLY',
  /** TM-1: the device clock reads earlier than the latest time the device has seen; time-limited licenses do not count until it catches up. */
  ClockTampered: 'CLOCK_TAMPERED',
} as const;
export type DeviceErrorCode = (typeof DeviceErrorCode)[keyof typeof DeviceErrorCode];

declare module '../../protocol/errorCodes.ts' {
  interface ErrorCodeLayers {
    device: DeviceErrorCode;
  }
}
