import type { Board } from '../../emulator/board/Board.ts';
import type { Random } from '../../emulator/random/Random.ts';
import { fail, type Result } from '../../protocol/result.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import type { PortalClient } from '../shared/portalClient.ts';
import type { SettingsStore } from '../shared/settingsStore.ts';
import type { ActivationState } from './SmartServer.ts';
import { SmartServerErrorCode } from './SmartServerErrorCode.ts';
import type { SmartServerImage } from './smartserverImage.ts';
import type { SmartServerEvent, SmartServerContext } from './smartserverMachine.ts';

/**
 * What the SmartServer's dialogs (customer accounts, cloud licenses, offline activation, field
 * devices) share: the board, the settings in NVRAM, the cloud client, the firmware's RAM and a
 * way to tell the lifecycle machine. Built by createSmartServer; each dialog is a small module
 * over it.
 */
export interface SmartServerCore {
  readonly board: Board;
  readonly settings: SettingsStore<SmartServerImage>;
  readonly portal: PortalClient;
  readonly vendorPublicKey: string;
  /** Draws offline request-code nonces (SS-8). */
  readonly requestRandom: Random;
  isRunning(): boolean;
  /** [SS-1] license management applies to the firmware running now. */
  licensingRequired(): boolean;
  firmwareVersion(): string;
  activationState(): ActivationState;
  ram(): SmartServerContext;
  send(event: SmartServerEvent): void;
  /** Tells listeners that the device's state changed. */
  changed(): void;
}

/** NOT_RUNNING for an operation tried while the firmware is off or booting, else undefined. */
export function refuseUnlessRunning(core: SmartServerCore, operation: string): Result<never> | undefined {
  if (core.isRunning()) return undefined;
  return fail(DeviceErrorCode.NotRunning, `${operation}: the SmartServer ${core.board.id} is not running (it is off or still booting)`);
}

/** Refusals shared by every Manage Licenses operation: not running, or firmware without license management (SS-1). */
export function refuseLicenseManagement(core: SmartServerCore, operation: string): Result<never> | undefined {
  const notRunning = refuseUnlessRunning(core, operation);
  if (notRunning) return notRunning;
  if (core.licensingRequired()) return undefined;
  return fail(
    SmartServerErrorCode.LicenseManagementUnavailable,
    `${operation}: firmware ${core.firmwareVersion()} has no license management; it is required from 3.3 on (SS-1)`,
  );
}

/** [SS-5, SS-6] ACTIVATION_IN_PROGRESS or TRANSFER_IN_PROGRESS while either is under way. */
export function refuseWhileBusy(core: SmartServerCore, operation: string): Result<never> | undefined {
  const state = core.activationState();
  if (state === 'claiming' || state === 'activating') {
    const { job } = core.ram();
    const what = job ? `${job.licenseIds.join(', ')}, done at ${new Date(job.completesAt).toISOString()}` : 'waiting for the cloud';
    return fail(SmartServerErrorCode.ActivationInProgress, `${operation}: an activation is under way on ${core.board.id} (${what}); wait for it to complete`);
  }
  if (state === 'transferring') {
    return fail(SmartServerErrorCode.TransferInProgress, `${operation}: a transfer to the cloud is under way on ${core.board.id}; wait for it to complete`);
  }
  return undefined;
}
