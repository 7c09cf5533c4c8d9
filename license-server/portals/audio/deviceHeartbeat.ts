import { audioOps } from '../../../protocol/messages/audio.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readDevice, writeDevice } from './managedDevices.ts';
import { verifyDevice } from '../../core/deviceIdentity.ts';
import { deviceOnlyInput, type DeviceOnlyInput } from './unenrollDevice.ts';

const OP = audioOps.heartbeat.op;

/**
 * [PC-7] A device's heartbeat: records when it was last seen and answers whether the service
 * still counts it as enrolled. Not audited — liveness is not a change anyone made — and so run
 * in a plain tracked transaction rather than runOperation. Codes: `CERTIFICATE_INVALID`, `PROOF_INVALID`.
 */
export async function deviceHeartbeat(ctx: CoreContext, input: DeviceOnlyInput): Promise<Result<{ enrolled: boolean; accountId: string | null }>> {
  const parsed = parseValue(input, deviceOnlyInput, OP);
  if (!parsed.ok) return parsed;
  const verified = await verifyDevice(ctx, { ...parsed.value, op: OP, subject: [] });
  if (!verified.ok) return verified;
  const now = ctx.clock.now();
  return ctx.clock.track(ctx.store.transaction(async (tx) => {
    const device = await readDevice(tx, parsed.value.hardwareId, { forUpdate: true });
    if (!device) return ok({ enrolled: false, accountId: null });
    await writeDevice(tx, { ...device, lastSeenAt: now }, now);
    return ok({ enrolled: true, accountId: device.accountId });
  }));
}
