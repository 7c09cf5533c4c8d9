import { z } from 'zod';
import { audioOps } from '../../../protocol/messages/audio.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { runOperation } from '../../core/runOperation.ts';
import { deviceIdentityFields, verifyDevice } from '../../core/deviceIdentity.ts';
import { DEVICE_KIND, readDevice } from './managedDevices.ts';

export const deviceOnlyInput = z.object(deviceIdentityFields).strict();
export type DeviceOnlyInput = z.input<typeof deviceOnlyInput>;

const OP = audioOps.unenroll.op;

/** [PC-7] A device leaves its account, freeing its place under the bound. Codes: `CERTIFICATE_INVALID`, `PROOF_INVALID`, `NOT_ENROLLED`. */
export async function unenrollDevice(ctx: CoreContext, input: DeviceOnlyInput): Promise<Result<{ accountId: string }>> {
  const parsed = parseValue(input, deviceOnlyInput, OP);
  if (!parsed.ok) return parsed;
  const { hardwareId } = parsed.value;
  const info = { actor: `device:${hardwareId}`, action: OP, subject: hardwareId };
  const verified = await verifyDevice(ctx, { ...parsed.value, op: OP, subject: [] });
  if (!verified.ok) return runOperation(ctx, info, async () => verified);
  return runOperation(ctx, info, async ({ tx, audit }) => {
    const device = await readDevice(tx, hardwareId, { forUpdate: true });
    if (!device) return fail('NOT_ENROLLED', `hardware ID ${hardwareId} is not enrolled with any account`, 'hardwareId');
    await tx.records.remove(DEVICE_KIND, hardwareId);
    await audit({ accountId: device.accountId, deviceKind: device.deviceKind });
    return ok({ accountId: device.accountId });
  });
}
