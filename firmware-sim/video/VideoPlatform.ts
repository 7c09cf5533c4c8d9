import type { ClockTamper } from '../shared/clockGuard.ts';
import type { VideoVariant } from '../../protocol/messages/video.ts';
import type { Appliance, ApplianceLicense, ApplianceState } from '../shared/Appliance.ts';
import type { Conferencing } from './conferencing.ts';
import type { LicensesPage } from './licensesPage.ts';
import type { LicenseMode } from './videoImage.ts';

export { VIDEO_FAMILY, type VideoVariant } from '../../protocol/messages/video.ts';

export interface VideoLicense extends ApplianceLicense {
  readonly status: 'active';
}

export interface VideoState extends ApplianceState {
  readonly family: 'video';
  readonly variant: VideoVariant;
  /** `Clariti Core` or `Clariti Manager`. */
  readonly type: string;
  readonly version: string;
  readonly hardwareId: string;
  readonly serial: string;
  readonly hostName: string;
  /** [CL-1] the Name: the host name unless one was entered. */
  readonly name: string;
  readonly mode: LicenseMode;
  readonly autoRefresh: boolean;
  /** Whether an access token is entered (the token itself is not shown). */
  readonly accessTokenSet: boolean;
  /** [CL-3] `SUCCESS`, `FAILED: <why>`, or null before the first connection. */
  readonly lastConnectionStatus: string | null;
  readonly lastConnectionAt: number | null;
  /** When the next automatic refresh is due, or null when none is scheduled. */
  readonly nextRefreshAt: number | null;
  /** The request code shown by License Product that awaits its response code, if any. */
  readonly requestCode: string | null;
  /** [CL-7] the entitlements of the installed license, in effect at once. */
  readonly licenses: readonly VideoLicense[];
  readonly installedAt: number | null;
  readonly activeCalls: number;
  readonly nvramProblem: string | null;
  readonly ignoredFrames: number;
  /** [TM-1] set while the device clock reads earlier than the latest time it has seen: entitlements with an end do not count. */
  readonly clockTampered: ClockTamper | null;
}

export interface VideoPlatform extends Appliance<VideoState> {
  readonly variant: VideoVariant;
  /** [CL-1] Admin > Server > Licenses (Core), or Licenses (Manager). */
  readonly licenses: LicensesPage;
  readonly conferencing: Conferencing;
  /** Feature → count in effect. */
  entitlements(): Record<string, number>;
}
