import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { ok, type Result } from '../core/result.ts';
import { accountIdSchema } from '../core/fields.ts';
import { runOperation } from '../core/runOperation.ts';
import { auditActor, type Actor } from './Actor.ts';
import { drawToken, type AuthContext } from './AuthContext.ts';
import { insertToken, tokenView, type ApiTokenView } from './apiTokens.ts';
import { serverRoles } from './ServerRole.ts';

export const tokenUserSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]*$/, 'letters, digits and . _ @ + - only');

export const createApiTokenInput = z.object({
  /** Who the token is for; at the device-management portal, the portal user it acts as. */
  user: tokenUserSchema,
  roles: z.array(z.enum(serverRoles)).min(1).max(serverRoles.length)
    .refine((roles) => new Set(roles).size === roles.length, 'each role at most once'),
  /** Ties the token to one account: it then acts for that account only. */
  accountId: accountIdSchema.nullable().optional(),
}).strict();
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export interface CreatedApiToken extends ApiTokenView {
  /** The bearer secret; shown this once only, the server keeps its hash. */
  token: string;
}

/**
 * Mints an API token for `Authorization: Bearer …`. The secret comes from the server's seeded
 * stream and only its hash is stored. `by` is the token that asked (over HTTP, an
 * Administrator's); the in-process caller passes none.
 */
export async function createApiToken(ctx: AuthContext, input: CreateApiTokenInput, by?: Actor): Promise<Result<CreatedApiToken>> {
  const parsed = parseValue(input, createApiTokenInput, 'API token');
  if (!parsed.ok) return parsed;
  const { user, roles } = parsed.value;
  const accountId = parsed.value.accountId ?? null;
  const createdBy = auditActor(by);
  return runOperation(ctx, { actor: createdBy, action: 'token.create', subject: user }, async ({ tx, now, audit }) => {
    const { secret, tokenId } = drawToken(ctx.tokenSecrets);
    const token = { tokenId, user, roles, accountId, createdAt: now, createdBy, revokedAt: null };
    await insertToken(tx, secret, token, now);
    await audit({ tokenId, user, roles, accountId }, { subject: tokenId });
    return ok({ ...tokenView(token), token: secret });
  }, { conflicts: { facet_records: () => ({ code: 'CONFLICT', message: 'the token secret drawn is taken already; try again' }) } });
}
