import type { Random } from '../../emulator/random/Random.ts';
import type { CoreContext } from '../core/CoreContext.ts';

/** The core context plus the random stream API token secrets are drawn from. */
export interface AuthContext extends CoreContext {
  readonly tokenSecrets: Random;
}

export function authContext(ctx: CoreContext): AuthContext {
  // A stream of its own, so minting tokens never shifts the record IDs or keys a seed gives.
  return { ...ctx, tokenSecrets: ctx.ids.fork('api-tokens') };
}

/** A token's secret and ID, drawn from `random`: 128 bits, and a short ID to list and revoke it by. */
export function drawToken(random: Random): { secret: string; tokenId: string } {
  return { secret: `flt_${random.hex(16)}`, tokenId: `tok-${random.hex(4)}` };
}
