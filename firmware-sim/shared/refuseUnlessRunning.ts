import { fail, type Result } from '../../protocol/result.ts';
import { DeviceErrorCode } from './DeviceErrorCode.ts';
import type { FirmwareCore } from './FirmwareCore.ts';

/** The part of a family's Core the refusal reads. */
type RunningView = Pick<FirmwareCore<unknown>, 'productName' | 'isRunning'> & { readonly board: { readonly id: string } };

/**
 * NOT_RUNNING for an operation tried while the firmware is off or still booting, else
 * undefined — so a family's operation starts `refuseUnlessRunning(core, op) ?? …`.
 */
export function refuseUnlessRunning(core: RunningView, operation: string): Result<never> | undefined {
  if (core.isRunning()) return undefined;
  return fail(DeviceErrorCode.NotRunning, `${operation}: the ${core.productName} ${core.board.id} is not running (it is off or still booting)`);
}
