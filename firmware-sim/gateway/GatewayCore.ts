import type { ClockGuard } from '../shared/clockGuard.ts';
import type { FirmwareCore } from '../shared/FirmwareCore.ts';
import type { GatewayImage, InstalledLicense } from './gatewayImage.ts';
import type { LicenseStore } from './licenseStore.ts';

/**
 * What the gateway's pages (License page, portal link, PBX users, diagnostics) share: the
 * board, the stored settings with their license rules, the portal client and a view of the
 * running firmware. Built by createGateway; each page is a small module over it.
 */
export interface GatewayCore extends FirmwareCore<GatewayImage> {
  readonly settings: LicenseStore;
  /** [GW-5] the licenses in force: those installed at the last boot. */
  effective(): readonly InstalledLicense[];
  testModeOn(): boolean;
  /** [TM-1] the device clock for license rules: `tampered` while it reads earlier than the latest time seen. */
  licenseTime(): { now: number; tampered: boolean };
  readonly clockGuard: ClockGuard;
  channelsInUse(): number;
  setChannelsInUse(count: number): void;
}
