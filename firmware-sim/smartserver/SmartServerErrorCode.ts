/**
 * Error codes of the SmartServer's own operations, beside the shared device codes
 * (firmware-sim/shared/DeviceErrorCode.ts) and the wire codes it passes through from the cloud
 * (protocol/errorCodes.ts: CUSTOMER_UNKNOWN, LICENSE_BOUND_ELSEWHERE, NOTHING_TO_TRANSFER, …).
 * Stable: scenarios branch on them.
 */
export const SmartServerErrorCode = {
  /** [SS-1] firmware older than 3.3 has no license management. */
  LicenseManagementUnavailable: 'LICENSE_MANAGEMENT_UNAVAILABLE',
  /** [SS-5] an activation is under way; it takes a couple of minutes. */
  ActivationInProgress: 'ACTIVATION_IN_PROGRESS',
  /** [SS-6] a transfer to the cloud is waiting for the cloud's answer. */
  TransferInProgress: 'TRANSFER_IN_PROGRESS',
  /** [SS-6] Transfer to Cloud was not confirmed. */
  ConfirmationRequired: 'CONFIRMATION_REQUIRED',
  /** [SS-3, SS-4] no Customer ID has been saved yet. */
  NoCustomerId: 'NO_CUSTOMER_ID',
  /** Firmware updates need an active maintenance license (from 3.3 on). */
  MaintenanceRequired: 'MAINTENANCE_REQUIRED',
  /** [SS-4] the download list is empty: there is nothing to activate. */
  NothingToActivate: 'NOTHING_TO_ACTIVATE',
} as const;
export type SmartServerErrorCode = (typeof SmartServerErrorCode)[keyof typeof SmartServerErrorCode];

declare module '../../protocol/errorCodes.ts' {
  interface ErrorCodeLayers {
    smartserver: SmartServerErrorCode;
  }
}
