import type { Random } from '../../emulator/random/Random.ts';
import { fail, type Result } from '../../protocol/result.ts';
import type { ClockGuard } from '../shared/clockGuard.ts';
import type { FirmwareCore } from '../shared/FirmwareCore.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import { SmartServerErrorCode } from './SmartServerErrorCode.ts';
import type { SmartServerImage } from './smartserverImage.ts';
import type { ActivationState, SmartServerEvent, SmartServerContext } from './smartserverMachine.ts';

/**
 * What the SmartServer's dialogs (customer accounts, cloud licenses, offline activation, field
 * devices) share: the board, the settings in NVRAM, the cloud client, the firmware's RAM and a
 * way to tell the lifecycle machine. Built by createSmartServer; each dialog is a small module
 * over it.
 */
export interface SmartServerCore extends FirmwareCore<SmartServerImage> {
  readonly vendorPublicKey: string;
  /** Draws offline request-code nonces (SS-8). */
  readonly requestRandom: Random;
  /** [SS-1] license management applies to the firmware running now. */
  licensingRequired(): boolean;
  firmwareVersion(): string;
  activationState(): ActivationState;
  ram(): SmartServerContext;
  send(event: SmartServerEvent): void;
  /** [TM-1] the latest time the server clock has shown, and whether it now reads earlier. */
  readonly clockGuard: ClockGuard;
}

/** The clock reading the license rules take: now, and whether the clock is flagged as set back (TM-1). */
export function licenseTime(core: SmartServerCore): [now: number, tampered: boolean] {
  const reading = core.clockGuard.read();
  return [reading.now, reading.tampered !== null];
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
