import { smartserverOps } from '../../protocol/messages/smartserver.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { askCloud } from './askCloud.ts';
import { refuseLicenseManagement, refuseWhileBusy, type SmartServerCore } from './SmartServerCore.ts';
import { SmartServerErrorCode } from './SmartServerErrorCode.ts';

export interface TransferOutcome {
  transferred: string[];
  transferDate: number;
}

/**
 * [SS-6] Transfer to Cloud, after its confirmation dialog: every device-capacity and
 * maintenance license on the server returns to the cloud. [SS-7] With them goes the
 * provisioning of every field device: all turn unlicensed (purple) until a new license is
 * activated, and then must be provisioned again by hand.
 *
 * Refused, with the cloud untouched: without `confirm` (CONFIRMATION_REQUIRED), with no
 * license on the server — a second transfer in a row, say — (NOTHING_TO_TRANSFER), and while
 * an activation or another transfer is under way.
 */
export async function transferToCloud(core: SmartServerCore, options: { confirm?: boolean }): Promise<Result<TransferOutcome>> {
  const op = 'Transfer to Cloud';
  const refused = refuseLicenseManagement(core, op) ?? refuseWhileBusy(core, op);
  if (refused) return refused;
  if (options?.confirm !== true) {
    return fail(SmartServerErrorCode.ConfirmationRequired, `${op}: confirm with TRANSFER LICENSES; every device-capacity and maintenance license on ${core.board.id} would go back to the cloud`);
  }
  const held = core.settings.image().licenses;
  if (held.length === 0) {
    return fail(ErrorCode.NothingToTransfer, `${op}: ${core.board.id} holds no device-capacity or maintenance license to transfer`);
  }

  core.send({ type: 'TRANSFER' });
  const reply = await askCloud(core, smartserverOps.transfer);
  if (core.activationState() !== 'transferring') {
    return fail('NOT_RUNNING', `${op}: the SmartServer ${core.board.id} restarted before the cloud answered`);
  }
  if (!reply.ok) {
    core.send({ type: 'TRANSFER_DONE' });
    return reply;
  }
  const saved = core.settings.update((image) => ({
    ...image,
    licenses: [],
    fieldDevices: image.fieldDevices.map((d) => ({ ...d, provisioned: false })),
  }));
  core.send({ type: 'SET_DOWNLOAD_LIST', rows: null });
  core.send({ type: 'TRANSFER_DONE' });
  core.changed();
  if (!saved.ok) {
    return fail(saved.error.code, `${op}: the cloud took back ${reply.value.transferred.join(', ')}, but removing them here failed: ${saved.error.message}`);
  }
  return ok(reply.value);
}
