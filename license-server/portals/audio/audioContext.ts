import type { Random } from '../../../emulator/random/Random.ts';
import type { CoreContext } from '../../core/CoreContext.ts';

/** The core context plus the audio portal's own random stream for provisioning tokens (PC-7). */
export interface AudioContext extends CoreContext {
  readonly provisioningTokens: Random;
}

export function audioContext(ctx: CoreContext): AudioContext {
  // Forked once per portal, so each token drawn continues the stream instead of restarting it,
  // and drawing tokens never shifts the record IDs a seed gives.
  return { ...ctx, provisioningTokens: ctx.ids.fork('audio-provisioning-tokens') };
}
