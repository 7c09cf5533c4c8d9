import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import type { LicenseView } from '../../core/types.ts';
import { activateKey, type ActivateKeyInput } from './activateKey.ts';
import { bindLicense, type BindLicenseInput } from './bindLicense.ts';
import { createOrder, type CreatedOrder, type CreateOrderInput } from './createOrder.ts';
import { downloadForDevice, type DownloadForDeviceInput } from './downloadForDevice.ts';
import { invalidateFromDevice, type InvalidateFromDeviceInput } from './invalidateFromDevice.ts';
import { issueTestLicense, type IssueTestLicenseInput } from './issueTestLicense.ts';
import { issueTestLicenseToDevice, type IssueTestLicenseToDeviceInput } from './issueTestLicenseToDevice.ts';
import { listLicenses, type ListLicensesInput } from './listLicenses.ts';
import { moveLicense, type MoveLicenseInput } from './moveLicense.ts';

/**
 * The gateway/PBX vendor portal (seed 003, GW-*): a thin facet over the core, one file per
 * operation. Every input is validated; every answer is a Result with a stable error code.
 */
export interface GatewayPortal {
  /** GW-1, vendor side: an order yields an activation key. */
  createOrder(input: CreateOrderInput): Promise<Result<CreatedOrder>>;
  /** GW-1: activates an order's licenses into the account. */
  activate(input: ActivateKeyInput): Promise<Result<LicenseView[]>>;
  listLicenses(input: ListLicensesInput): Promise<Result<LicenseView[]>>;
  /** GW-2 */
  bind(input: BindLicenseInput): Promise<Result<LicenseView>>;
  /** GW-3 */
  move(input: MoveLicenseInput): Promise<Result<LicenseView>>;
  /** GW-6: signed LIC1 files for a device, a fresh nonce each. */
  filesForDevice(input: DownloadForDeviceInput): Promise<Result<string[]>>;
  /** GW-6: returns licenses from a device with a certificate and proof. */
  invalidate(input: InvalidateFromDeviceInput): Promise<Result<string[]>>;
  /** GW-8: the device's one test license file. */
  issueTestLicense(input: IssueTestLicenseInput): Promise<Result<string>>;
  /** GW-8 over the device's own link: proven with its certificate. */
  issueTestLicenseToDevice(input: IssueTestLicenseToDeviceInput): Promise<Result<string>>;
}

export function createGatewayPortal(ctx: CoreContext): GatewayPortal {
  return {
    createOrder: (input) => createOrder(ctx, input),
    activate: (input) => activateKey(ctx, input),
    listLicenses: (input) => listLicenses(ctx, input),
    bind: (input) => bindLicense(ctx, input),
    move: (input) => moveLicense(ctx, input),
    filesForDevice: (input) => downloadForDevice(ctx, input),
    invalidate: (input) => invalidateFromDevice(ctx, input),
    issueTestLicense: (input) => issueTestLicense(ctx, input),
    issueTestLicenseToDevice: (input) => issueTestLicenseToDevice(ctx, input),
  };
}
