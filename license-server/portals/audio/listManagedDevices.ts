import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { listDevices, type ManagedDevice } from './managedDevices.ts';
import type { PortalActor } from './portalUsers.ts';

/** [PC-7] The account's enrolled devices, in enrolment order, with when each was last seen. */
export async function listManagedDevices(ctx: CoreContext, actor: PortalActor): Promise<Result<ManagedDevice[]>> {
  return readStore(ctx, async (tx) => ok(await listDevices(tx, actor.accountId)));
}
