import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { toAccessTokenView, type AccessTokenView } from './accessTokenView.ts';
import type { VideoContext } from './videoContext.ts';
import { requireAccount, tokenSchema, TOKEN_KIND, writeToken } from './videoRecords.ts';

export const revokeAccessTokenInput = z.object({
  accountId: accountIdSchema,
  tokenId: z.string().min(1).max(64),
}).strict();
export type RevokeAccessTokenInput = z.input<typeof revokeAccessTokenInput>;

/**
 * [CL-8] Revokes a token: products using it fail their next Update License or automatic
 * refresh with TOKEN_REVOKED. Codes: NOT_FOUND, TOKEN_REVOKED (already revoked).
 */
export async function revokeAccessToken(ctx: VideoContext, input: RevokeAccessTokenInput): Promise<Result<AccessTokenView>> {
  const parsed = parseValue(input, revokeAccessTokenInput, 'access token revocation');
  if (!parsed.ok) return parsed;
  const { accountId, tokenId } = parsed.value;
  return runOperation(ctx, { actor: `account:${accountId}`, action: 'video.token.revoke', subject: tokenId }, async ({ tx, now, audit }) => {
    const account = await requireAccount(tx, accountId);
    if (!account.ok) return account;
    const record = (await tx.records.list(TOKEN_KIND, { accountId })).find((r) => r.data.tokenId === tokenId);
    if (!record) return fail('NOT_FOUND', `no access token ${tokenId} in account ${accountId}`, 'tokenId');
    const token = tokenSchema.parse((await tx.records.get(TOKEN_KIND, record.id, { forUpdate: true }))!.data);
    if (token.revokedAt !== null) {
      return fail('TOKEN_REVOKED', `access token ${tokenId} was already revoked at ${new Date(token.revokedAt).toISOString()}`, 'tokenId');
    }
    const revoked = { ...token, revokedAt: now };
    await writeToken(tx, { accountId, hash: record.id, token: revoked, now });
    await audit({ user: token.user });
    return ok(toAccessTokenView(revoked));
  });
}
