import type { Result } from '../../protocol/result.ts';
import type { VideoVariant } from '../../protocol/messages/video.ts';
import type { Appliance, ApplianceLicense, ApplianceState } from '../shared/Appliance.ts';
import type { LicensesPage } from './licensesPage.ts';

export { VIDEO_FAMILY, type VideoVariant } from '../../protocol/messages/video.ts';

/** The software version each variant reports in its License Product window. */
export const VIDEO_VERSIONS: Readonly<Record<VideoVariant, string>> = { core: '2.2.1', manager: '10.11.2' };

/** Concurrent calls the product may carry: bounded by this entitlement's count. */
export const PORTS_FEATURE = 'CLARITI-PORTS';

/** Error codes of the video product's own operations, beside those in DeviceErrorCode. */
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

export type LicenseMode = 'standard' | 'restrictive';

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
}

/** The product's calls, bounded by its CLARITI-PORTS entitlement. */
export interface Conferencing {
  setActiveCalls(count: number): Result<{ activeCalls: number }>;
}

export interface VideoPlatform extends Appliance<VideoState> {
  readonly variant: VideoVariant;
  /** [CL-1] Admin > Server > Licenses (Core), or Licenses (Manager). */
  readonly licenses: LicensesPage;
  readonly conferencing: Conferencing;
  /** Feature → count in effect. */
  entitlements(): Record<string, number>;
}
