import { fail, ok, type Failure, type Result } from '../../protocol/result.ts';
import type { CoreContext } from '../core/CoreContext.ts';
import { readStore } from '../core/runOperation.ts';
import type { HttpErrorCode } from '../http/failureStatus.ts';
import type { Actor } from './Actor.ts';
import { readTokenBySecret } from './apiTokens.ts';

/**
 * The holder of a bearer token's secret, or UNAUTHENTICATED for a secret the server never
 * minted or one revoked. The message says which, but never echoes the secret. Nothing is
 * written: a request is audited by what it does, not by being let in.
 */
export async function authenticate(ctx: CoreContext, secret: string): Promise<Result<Actor, Failure<HttpErrorCode>>> {
  const token = await readStore(ctx, (tx) => readTokenBySecret(tx, secret));
  if (!token) return fail('UNAUTHENTICATED', 'the bearer token is not one this server issued');
  if (token.revokedAt !== null) return fail('UNAUTHENTICATED', `the bearer token ${token.tokenId} was revoked at ${new Date(token.revokedAt).toISOString()}`);
  return ok({ tokenId: token.tokenId, user: token.user, roles: token.roles, accountId: token.accountId });
}
