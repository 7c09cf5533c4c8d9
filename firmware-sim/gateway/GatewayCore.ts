import type { Board } from '../../emulator/board/Board.ts';
import { fail, type Result } from '../../protocol/result.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import type { PortalClient } from '../shared/portalClient.ts';
import type { InstalledLicense } from './gatewayImage.ts';
import type { LicenseStore } from './licenseStore.ts';

/**
 * What the gateway's pages (License page, portal link, PBX users, diagnostics) share: the
 * board, the stored settings, the portal client and a view of the running firmware. Built by
 * createGateway; each page is a small module over it.
 */
export interface GatewayCore {
  readonly board: Board;
  readonly store: LicenseStore;
  readonly portal: PortalClient;
  isRunning(): boolean;
  /** [GW-5] the licenses in force: those installed at the last boot. */
  effective(): readonly InstalledLicense[];
  testModeOn(): boolean;
  channelsInUse(): number;
  setChannelsInUse(count: number): void;
  /** Tells listeners that the device's state changed. */
  changed(): void;
}

/** NOT_RUNNING for an operation tried while the firmware is off or booting, else undefined. */
export function refuseUnlessRunning(core: GatewayCore, operation: string): Result<never> | undefined {
  if (core.isRunning()) return undefined;
  return fail(DeviceErrorCode.NotRunning, `${operation}: the gateway ${core.board.id} is not running (it is off or still booting)`);
}
