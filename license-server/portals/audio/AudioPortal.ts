import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { audioContext } from './audioContext.ts';
import { activateAudioKey, type ActivateAudioKeyInput, type AudioActivation } from './activateAudioKey.ts';
import { deviceHeartbeat } from './deviceHeartbeat.ts';
import { enrollDevice, type EnrollDeviceInput, type Enrolment } from './enrollDevice.ts';
import { licenseSummary, type AudioSummary } from './licenseSummary.ts';
import { listManagedDevices } from './listManagedDevices.ts';
import { listAudioLicenses } from './listAudioLicenses.ts';
import { listPortalUsers } from './listPortalUsers.ts';
import type { ManagedDevice } from './managedDevices.ts';
import type { AudioLicenseView } from './audioLicenseView.ts';
import { PortalRole, type PortalUser, type PortalActor } from './portalUsers.ts';
import { provisioningToken, type ProvisioningToken } from './provisioningToken.ts';
import { putPortalUser, type PutUserInput } from './putPortalUser.ts';
import { renewAudioLicense, type AudioRenewal, type RenewAudioInput } from './renewAudioLicense.ts';
import { requireRole } from './requireRole.ts';
import { unenrollDevice, type DeviceOnlyInput } from './unenrollDevice.ts';

/**
 * The cloud device-management portal (PC-*): a thin facet over the core, one file per
 * operation. Portal functions take the acting user first and are wrapped in `requireRole`, the
 * one place roles are checked (PC-1): the Licenses functions need License Admin, user
 * management Account Admin, device provisioning Device Admin; anyone else gets FORBIDDEN.
 * Device operations (enrol, unenrol, heartbeat) come over the link and prove the device instead.
 */
export interface AudioPortal {
  /** Creates a user or replaces its roles; the account's first user signs up unchecked. */
  putUser(actor: PortalActor, input: PutUserInput): Promise<Result<PortalUser>>;
  /** [PC-1] The account's users and their roles, for an Account Admin. */
  listUsers(actor: PortalActor): Promise<Result<PortalUser[]>>;
  /** [PC-2] total, active, expiring shortly, impending, inactive; [PC-7] managed devices. */
  summary(actor: PortalActor): Promise<Result<AudioSummary>>;
  /** [PC-3] every license with every field. */
  listLicenses(actor: PortalActor): Promise<Result<AudioLicenseView[]>>;
  /** [PC-5] 17-character key and the agreement accepted. */
  activate(actor: PortalActor, input: ActivateAudioKeyInput): Promise<Result<AudioActivation>>;
  /** [PC-6] only in Expiring Shortly; Addons rolled into one Renewal. */
  renew(actor: PortalActor, input: RenewAudioInput): Promise<Result<AudioRenewal>>;
  /** [PC-7] the token devices enrol with. */
  provisioningToken(actor: PortalActor): Promise<Result<ProvisioningToken>>;
  listDevices(actor: PortalActor): Promise<Result<ManagedDevice[]>>;
  enroll(input: EnrollDeviceInput): Promise<Result<Enrolment>>;
  unenroll(input: DeviceOnlyInput): Promise<Result<{ accountId: string }>>;
  heartbeat(input: DeviceOnlyInput): Promise<Result<{ enrolled: boolean; accountId: string | null }>>;
}

export function createAudioPortal(core: CoreContext): AudioPortal {
  const ctx = audioContext(core);
  const licenseAdmin = { role: PortalRole.LicenseAdmin };
  return {
    // Checks its role inside its own transaction, which also decides who is the first user.
    putUser: (actor, input) => putPortalUser(ctx, actor, input),
    listUsers: requireRole(ctx, { role: PortalRole.AccountAdmin, action: 'audio.users' }, (actor, _: void) => listPortalUsers(ctx, actor)),
    summary: requireRole(ctx, { ...licenseAdmin, action: 'audio.summary' }, (actor, _: void) => licenseSummary(ctx, actor)),
    listLicenses: requireRole(ctx, { ...licenseAdmin, action: 'audio.licenses' }, (actor, _: void) => listAudioLicenses(ctx, actor)),
    activate: requireRole(ctx, { ...licenseAdmin, action: 'audio.activate' }, (actor, input: ActivateAudioKeyInput) => activateAudioKey(ctx, actor, input)),
    renew: requireRole(ctx, { ...licenseAdmin, action: 'audio.renew' }, (actor, input: RenewAudioInput) => renewAudioLicense(ctx, actor, input)),
    provisioningToken: requireRole(ctx, { role: PortalRole.DeviceAdmin, action: 'audio.token' }, (actor, _: void) => provisioningToken(ctx, actor)),
    listDevices: requireRole(ctx, { role: PortalRole.DeviceAdmin, action: 'audio.devices' }, (actor, _: void) => listManagedDevices(ctx, actor)),
    enroll: (input) => enrollDevice(ctx, input),
    unenroll: (input) => unenrollDevice(ctx, input),
    heartbeat: (input) => deviceHeartbeat(ctx, input),
  };
}
