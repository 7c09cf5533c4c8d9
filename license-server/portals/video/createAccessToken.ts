import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import { ensureAccount } from '../../core/accounts.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { toAccessTokenView, type AccessTokenView } from './accessTokenView.ts';
import type { VideoContext } from './videoContext.ts';
import { tokenHash, writeToken } from './videoRecords.ts';

export const createAccessTokenInput = z.object({
  accountId: accountIdSchema,
  /** The portal user the token stands for, e.g. `alice@example.com`. */
  user: z.string().min(1).max(128),
}).strict();
export type CreateAccessTokenInput = z.input<typeof createAccessTokenInput>;

export interface CreatedAccessToken extends AccessTokenView {
  /** The secret to paste into the product's Access token field; shown this once only. */
  token: string;
}

/**
 * [CL-8] A new access token for a user of the account. It stands for the user's credentials
 * without containing them: an opaque random secret, of which the portal keeps only a hash, so
 * it can be revoked and never leaks a password.
 */
export async function createAccessToken(ctx: VideoContext, input: CreateAccessTokenInput): Promise<Result<CreatedAccessToken>> {
  const parsed = parseValue(input, createAccessTokenInput, 'access token');
  if (!parsed.ok) return parsed;
  const { accountId, user } = parsed.value;
  return runOperation(ctx, { actor: `account:${accountId}`, action: 'video.token.create', subject: user }, async ({ tx, now, audit }) => {
    await ensureAccount(tx, { id: accountId, now });
    const secret = `clt_${ctx.tokenSecrets.hex(24)}`;
    const token = { tokenId: `tok-${ctx.tokenSecrets.hex(4)}`, user, createdAt: now, revokedAt: null, lastUsedAt: null };
    await writeToken(tx, { accountId, hash: tokenHash(secret), token, now });
    await audit({ tokenId: token.tokenId, user }, { subject: token.tokenId });
    return ok({ ...toAccessTokenView(token), token: secret });
  });
}
