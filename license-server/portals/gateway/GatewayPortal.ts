import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import type { LicenseView } from '../../core/types.ts';
import { bindForAccount, type BindForAccountInput } from './bindForAccount.ts';
import { bindLicense, type BindLicenseInput } from './bindLicense.ts';
import { downloadForDevice, type DownloadForDeviceInput } from './downloadForDevice.ts';
import { downloadToDevice, type DownloadToDeviceInput } from './downloadToDevice.ts';
import { filesForAccountDevice, type FilesForAccountDeviceInput } from './filesForAccountDevice.ts';
import { invalidateFromDevice, type InvalidateFromDeviceInput } from './invalidateFromDevice.ts';
import { issueTestLicense, type IssueTestLicenseInput } from './issueTestLicense.ts';
import { issueTestLicenseToDevice, type IssueTestLicenseToDeviceInput } from './issueTestLicenseToDevice.ts';
import { moveForAccount, type MoveForAccountInput } from './moveForAccount.ts';
import { moveLicense, type MoveLicenseInput } from './moveLicense.ts';

/**
 * The gateway/PBX vendor portal (GW-*): hardware binding, moves, device downloads and
 * invalidations, test licenses — a thin facet over the core, one file per operation. Orders and
 * their activation (GW-1) are the core's. Every input is validated; every answer is a Result
 * with a stable error code.
 */
export interface GatewayPortal {
  /** GW-2 */
  bind(input: BindLicenseInput): Promise<Result<LicenseView>>;
  /** GW-3 */
  move(input: MoveLicenseInput): Promise<Result<LicenseView>>;
  /** GW-2 for the portal page: one of the account's own licenses. */
  bindForAccount(input: BindForAccountInput): Promise<Result<LicenseView>>;
  /** GW-3 for the portal page: one of the account's own licenses. */
  moveForAccount(input: MoveForAccountInput): Promise<Result<LicenseView>>;
  /** GW-4 for the portal page: the account's license files of one device, to paste on its License page. */
  filesForAccountDevice(input: FilesForAccountDeviceInput): Promise<Result<string[]>>;
  /** GW-6: signed LIC1 files for a device, a fresh nonce each, for the portal's own user (a Customer token). */
  filesForDevice(input: DownloadForDeviceInput): Promise<Result<string[]>>;
  /** GW-6 over the device's own link: the same files, for the device proven by its certificate. */
  downloadToDevice(input: DownloadToDeviceInput): Promise<Result<string[]>>;
  /** GW-6: returns licenses from a device with a certificate and proof. */
  invalidate(input: InvalidateFromDeviceInput): Promise<Result<string[]>>;
  /** GW-8: the device's one test license file, unproven: for the trusted in-process caller only; HTTP and links use the proven one. */
  issueTestLicense(input: IssueTestLicenseInput): Promise<Result<string>>;
  /** GW-8 over the device's own link: proven with its certificate. */
  issueTestLicenseToDevice(input: IssueTestLicenseToDeviceInput): Promise<Result<string>>;
}

export function createGatewayPortal(ctx: CoreContext): GatewayPortal {
  return {
    bind: (input) => bindLicense(ctx, input),
    move: (input) => moveLicense(ctx, input),
    bindForAccount: (input) => bindForAccount(ctx, input),
    moveForAccount: (input) => moveForAccount(ctx, input),
    filesForAccountDevice: (input) => filesForAccountDevice(ctx, input),
    filesForDevice: (input) => downloadForDevice(ctx, input),
    downloadToDevice: (input) => downloadToDevice(ctx, input),
    invalidate: (input) => invalidateFromDevice(ctx, input),
    issueTestLicense: (input) => issueTestLicense(ctx, input),
    issueTestLicenseToDevice: (input) => issueTestLicenseToDevice(ctx, input),
  };
}
