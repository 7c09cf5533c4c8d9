import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { activatePdmsKey, type ActivatePdmsInput, type PdmsActivation } from './activatePdmsKey.ts';
import { deviceHeartbeat } from './deviceHeartbeat.ts';
import { enrollDevice, type EnrollDeviceInput, type Enrolment } from './enrollDevice.ts';
import { licenseSummary, type PdmsSummary } from './licenseSummary.ts';
import { listManagedDevices } from './listManagedDevices.ts';
import { listPdmsLicenses } from './listPdmsLicenses.ts';
import type { ManagedDevice } from './pdmsDevices.ts';
import type { PdmsLicenseView } from './pdmsLicenseView.ts';
import { PdmsRole, type PdmsUser, type PortalActor } from './pdmsUsers.ts';
import { provisioningToken, type ProvisioningToken } from './provisioningToken.ts';
import { putPdmsUser, type PutUserInput } from './putPdmsUser.ts';
import { renewPdmsLicense, type PdmsRenewal, type RenewPdmsInput } from './renewPdmsLicense.ts';
import { requireRole } from './requireRole.ts';
import { unenrollDevice, type DeviceOnlyInput } from './unenrollDevice.ts';

/**
 * The cloud device-management portal (seed 001, PC-*): a thin facet over the core, one file per
 * operation. Portal functions take the acting user first and are wrapped in `requireRole`, the
 * one place roles are checked (PC-1): the Licenses functions need License Admin, user
 * management Account Admin, device provisioning Device Admin; anyone else gets FORBIDDEN.
 * Device operations (enrol, unenrol, heartbeat) come over the link and prove the device instead.
 */
export interface DevicemgmtPortal {
  /** Creates a user or replaces its roles; the account's first user signs up unchecked. */
  putUser(actor: PortalActor, input: PutUserInput): Promise<Result<PdmsUser>>;
  /** [PC-2] total, active, expiring shortly, impending, inactive; [PC-7] managed devices. */
  summary(actor: PortalActor): Promise<Result<PdmsSummary>>;
  /** [PC-3] every license with every field. */
  listLicenses(actor: PortalActor): Promise<Result<PdmsLicenseView[]>>;
  /** [PC-5] 17-character key and the agreement accepted. */
  activate(actor: PortalActor, input: ActivatePdmsInput): Promise<Result<PdmsActivation>>;
  /** [PC-6] only in Expiring Shortly; Addons rolled into one Renewal. */
  renew(actor: PortalActor, input: RenewPdmsInput): Promise<Result<PdmsRenewal>>;
  /** [PC-7] the token devices enrol with. */
  provisioningToken(actor: PortalActor): Promise<Result<ProvisioningToken>>;
  listDevices(actor: PortalActor): Promise<Result<ManagedDevice[]>>;
  enroll(input: EnrollDeviceInput): Promise<Result<Enrolment>>;
  unenroll(input: DeviceOnlyInput): Promise<Result<{ accountId: string }>>;
  heartbeat(input: DeviceOnlyInput): Promise<Result<{ enrolled: boolean; accountId: string | null }>>;
}

export function createDevicemgmtPortal(ctx: CoreContext): DevicemgmtPortal {
  // Drawn once, here: a stream of its own keeps tokens from shifting the IDs a seed gives.
  const tokens = ctx.ids.fork('pdms-provisioning-tokens');
  const licenseAdmin = { role: PdmsRole.LicenseAdmin };
  return {
    putUser: requireRole(ctx, { role: PdmsRole.AccountAdmin, action: 'pdms.user.put', firstUser: true }, (actor, input: PutUserInput) => putPdmsUser(ctx, actor, input)),
    summary: requireRole(ctx, { ...licenseAdmin, action: 'pdms.summary' }, (actor, _: void) => licenseSummary(ctx, actor)),
    listLicenses: requireRole(ctx, { ...licenseAdmin, action: 'pdms.licenses' }, (actor, _: void) => listPdmsLicenses(ctx, actor)),
    activate: requireRole(ctx, { ...licenseAdmin, action: 'pdms.activate' }, (actor, input: ActivatePdmsInput) => activatePdmsKey(ctx, actor, input)),
    renew: requireRole(ctx, { ...licenseAdmin, action: 'pdms.renew' }, (actor, input: RenewPdmsInput) => renewPdmsLicense(ctx, actor, input)),
    provisioningToken: requireRole(ctx, { role: PdmsRole.DeviceAdmin, action: 'pdms.token' }, (actor, _: void) => provisioningToken(ctx, tokens, actor)),
    listDevices: requireRole(ctx, { role: PdmsRole.DeviceAdmin, action: 'pdms.devices' }, (actor, _: void) => listManagedDevices(ctx, actor)),
    enroll: (input) => enrollDevice(ctx, input),
    unenroll: (input) => unenrollDevice(ctx, input),
    heartbeat: (input) => deviceHeartbeat(ctx, input),
  };
}
