import type { Random } from '../../emulator/random/Random.ts';
import type { CoreContext } from '../core/CoreContext.ts';
import { StoreConflict } from '../store/Store.ts';
import { drawToken } from './AuthContext.ts';
import { readTokenBySecret, insertToken } from './apiTokens.ts';
import { ServerRole } from './ServerRole.ts';

export const BOOTSTRAP_USER = 'bootstrap';

/**
 * The Administrator token a server starts with, so the first token can be minted over HTTP.
 * Drawn from the server's seeded `random`, so one seed gives one bootstrap token; stored like
 * any other, once: a second start on the same store and seed finds it (revoked, if it was)
 * instead of writing it again. Not audited, so a server's audit log starts with its callers'.
 */
export async function ensureBootstrapToken(ctx: CoreContext, random: Random): Promise<string> {
  const { secret, tokenId } = drawToken(random);
  try {
    await ctx.clock.track(ctx.store.transaction(async (tx) => {
      if (await readTokenBySecret(tx, secret)) return;
      const now = ctx.clock.now();
      await insertToken(tx, secret, { tokenId, user: BOOTSTRAP_USER, roles: [ServerRole.Administrator], accountId: null, createdAt: now, createdBy: 'server', revokedAt: null }, now);
    }));
  } catch (error) {
    // Another server on this store and seed wrote it in the meantime: it is there, as wanted.
    if (!(error instanceof StoreConflict)) throw error;
  }
  return secret;
}
