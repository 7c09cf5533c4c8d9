import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { readStore } from '../../core/runOperation.ts';
import { toAccessTokenView, type AccessTokenView } from './accessTokenView.ts';
import type { VideoContext } from './videoContext.ts';
import { listOwned, requireAccount, tokenSchema, TOKEN_KIND } from './videoRecords.ts';

export const listAccessTokensInput = z.object({ accountId: accountIdSchema }).strict();
export type ListAccessTokensInput = z.input<typeof listAccessTokensInput>;

/** [CL-8] Manage > Licensing > Clariti > Access Tokens: the account's tokens, oldest first. */
export async function listAccessTokens(ctx: VideoContext, input: ListAccessTokensInput): Promise<Result<AccessTokenView[]>> {
  const parsed = parseValue(input, listAccessTokensInput, 'access token list');
  if (!parsed.ok) return parsed;
  const { accountId } = parsed.value;
  return readStore(ctx, async (tx) => {
    const account = await requireAccount(tx, accountId);
    if (!account.ok) return account;
    return ok((await listOwned(tx, TOKEN_KIND, accountId, tokenSchema)).map(toAccessTokenView));
  });
}
