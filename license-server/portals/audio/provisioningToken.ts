import { timingSafeEqual } from 'node:crypto';
import { ok, type Result } from '../../core/result.ts';
import type { AudioContext } from './audioContext.ts';
import { runOperation } from '../../core/runOperation.ts';
import type { StoreTx } from '../../store/Store.ts';
import type { PortalActor } from './portalUsers.ts';
import { userActor } from './requireRole.ts';

/**
 * [PC-7] The secret a managed device is provisioned with to enrol with an account, kept as a
 * facet record of kind `audio.token` under the account ID; drawn once, on first request, from
 * the portal's own random stream.
 */
export const TOKEN_KIND = 'audio.token';

export interface ProvisioningToken {
  accountId: string;
  provisioningToken: string;
}

export async function provisioningToken(ctx: AudioContext, actor: PortalActor): Promise<Result<ProvisioningToken>> {
  const { accountId } = actor;
  return runOperation(ctx, { actor: userActor(actor), action: 'audio.token', subject: accountId }, async ({ tx, now, audit }) => {
    // Locks the account row: two first requests at once on PostgreSQL must not draw two tokens.
    await tx.accounts.get(accountId, { forUpdate: true });
    const existing = await readToken(tx, accountId);
    if (existing !== undefined) return ok({ accountId, provisioningToken: existing });
    const token = ctx.provisioningTokens.hex(16);
    await tx.records.put({ kind: TOKEN_KIND, id: accountId, accountId, data: { token }, updatedAt: now });
    await audit({ created: true });
    return ok({ accountId, provisioningToken: token });
  });
}

async function readToken(tx: StoreTx, accountId: string): Promise<string | undefined> {
  const token = (await tx.records.get(TOKEN_KIND, accountId))?.data.token;
  return typeof token === 'string' ? token : undefined;
}

/** Compares in constant time, so the reply's timing does not reveal how much of a guess was right. */
export async function tokenMatches(tx: StoreTx, accountId: string, token: string): Promise<boolean> {
  const expected = await readToken(tx, accountId);
  if (expected === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
