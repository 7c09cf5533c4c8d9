import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { audioViews, readAudioAccount, type AudioLicenseView } from './audioLicenseView.ts';
import type { PortalActor } from './portalUsers.ts';

/** [PC-3] The account's device-management licenses in activation order, every field shown. */
export async function listAudioLicenses(ctx: CoreContext, actor: PortalActor): Promise<Result<AudioLicenseView[]>> {
  return readStore(ctx, async (tx, now) => ok(audioViews(await readAudioAccount(tx, actor.accountId), now)));
}
