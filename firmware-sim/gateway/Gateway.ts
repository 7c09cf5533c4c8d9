import type { Result } from '../../protocol/result.ts';
import type { Appliance, ApplianceLicense, ApplianceState } from '../shared/Appliance.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { GatewayChannels } from './gatewayChannels.ts';
import type { GatewayPortalLink } from './portalLink.ts';
import type { LicensePayload } from '../../protocol/licenseFile.ts';
import type { LicensePage } from './licensePage.ts';
import type { LicenseTimeStatus } from './licenseCounts.ts';
import type { ClockTamper } from '../shared/clockGuard.ts';
import type { PbxUsers } from './pbxUsers.ts';

/**
 * The gateway/PBX appliance of the gateway vendor's licensing guide as the rig drives it: the
 * family-independent Appliance plus the pages of its web interface. Every operation returns
 * NOT_RUNNING while the device is off or booting.
 */
export const GATEWAY_FAMILY = 'gateway';

/** [GW-9] test mode as the License page switches it. */
export interface TestModeSwitch {
  /** Lifts every license limit until `off()`, a reboot, or 8 hours pass (then the device reboots). */
  on(): Result<{ until: number }>;
  off(): Result<{ on: false }>;
  isOn(): boolean;
}

export interface GatewayLicense extends ApplianceLicense {
  readonly kind: LicensePayload['kind'];
  readonly end: number | null;
  readonly status: LicenseTimeStatus;
}

export interface GatewayState extends ApplianceState {
  readonly family: typeof GATEWAY_FAMILY;
  readonly hardwareId: string;
  /** The licenses in force: loaded at the last boot, with their status at this moment. */
  readonly licenses: readonly GatewayLicense[];
  /** [GW-5] installed licenses differ from those in force until the next reset. */
  readonly pendingReset: boolean;
  /** [GW-5] license IDs a reset would put in force or take out of force. */
  readonly pending: { readonly install: readonly string[]; readonly removal: readonly string[] };
  readonly testMode: { readonly on: boolean; readonly until: number | null };
  readonly channelsInUse: number;
  /** Why the settings in NVRAM could not be read at the last boot (the device then runs blank). */
  readonly nvramProblem: string | null;
  /** Frames on the link that were not a reply the device was waiting for. */
  readonly ignoredFrames: number;
  /** [TM-1] set while the device clock reads earlier than the latest time it has seen: licenses with an end do not count. */
  readonly clockTampered: ClockTamper | null;
}

export interface Gateway extends Appliance<GatewayState> {
  /** [GW-4] General / License. */
  readonly page: LicensePage;
  /** [GW-6, GW-8] the License page's my.innovaphone-style portal link. */
  readonly portal: GatewayPortalLink;
  /** [GW-7] PBX users, their license grants and config templates. */
  readonly pbx: PbxUsers;
  readonly testMode: TestModeSwitch;
  /** Gateway channels in use, bounded by `Port` licenses. */
  readonly gateway: GatewayChannels;
  /** [GW-10] the License page and the Gateway and PBX license tabs. */
  diagnostics(): Result<Diagnostics>;
}
