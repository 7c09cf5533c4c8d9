import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { runOperation } from '../core/runOperation.ts';
import { auditActor, type Actor } from './Actor.ts';
import type { AuthContext } from './AuthContext.ts';
import { apiTokenSchema, API_TOKEN_KIND, listTokenRecords, tokenView, writeToken, type ApiTokenView } from './apiTokens.ts';

export const revokeApiTokenInput = z.object({ tokenId: z.string().min(1).max(64) }).strict();
export type RevokeApiTokenInput = z.input<typeof revokeApiTokenInput>;

/**
 * Revokes a token: its next request is 401. The record stays, so the list shows when.
 * Codes: `NOT_FOUND`, `TOKEN_REVOKED` (already revoked).
 */
export async function revokeApiToken(ctx: AuthContext, input: RevokeApiTokenInput, by?: Actor): Promise<Result<ApiTokenView>> {
  const parsed = parseValue(input, revokeApiTokenInput, 'API token revocation');
  if (!parsed.ok) return parsed;
  const { tokenId } = parsed.value;
  return runOperation(ctx, { actor: auditActor(by), action: 'token.revoke', subject: tokenId }, async ({ tx, now, audit }) => {
    const found = (await listTokenRecords(tx)).find((r) => r.token.tokenId === tokenId);
    if (!found) return fail('NOT_FOUND', `no API token ${tokenId}`, 'tokenId');
    const token = apiTokenSchema.parse((await tx.records.get(API_TOKEN_KIND, found.hash, { forUpdate: true }))!.data);
    if (token.revokedAt !== null) return fail('TOKEN_REVOKED', `API token ${tokenId} was revoked already, at ${new Date(token.revokedAt).toISOString()}`, 'tokenId');
    const revoked = { ...token, revokedAt: now };
    await writeToken(tx, found.hash, revoked, now);
    await audit({ user: token.user });
    return ok(tokenView(revoked));
  });
}
