import type { Random } from '../../../emulator/random/Random.ts';
import type { CoreContext } from '../../core/CoreContext.ts';

/** The core context plus the video portal's own random stream for access-token secrets. */
export interface VideoContext extends CoreContext {
  readonly tokenSecrets: Random;
}

export function videoContext(ctx: CoreContext): VideoContext {
  // Forked once per portal, so each token drawn continues the stream instead of restarting it.
  return { ...ctx, tokenSecrets: ctx.keys.fork('video-access-tokens') };
}
