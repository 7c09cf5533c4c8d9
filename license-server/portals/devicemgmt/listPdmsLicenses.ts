import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { pdmsViews, readPdmsAccount, type PdmsLicenseView } from './pdmsLicenseView.ts';
import type { PortalActor } from './pdmsUsers.ts';

/** [PC-3] The account's device-management licenses in activation order, every field shown. */
export async function listPdmsLicenses(ctx: CoreContext, actor: PortalActor): Promise<Result<PdmsLicenseView[]>> {
  return readStore(ctx, async (tx, now) => ok(pdmsViews(await readPdmsAccount(tx, actor.accountId), now)));
}
