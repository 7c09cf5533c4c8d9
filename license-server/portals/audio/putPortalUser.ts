import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { ensureAccount } from '../../core/accounts.ts';
import { runOperation } from '../../core/runOperation.ts';
import { accountHasUsers, PortalRole, rolesSchema, userNameSchema, writeUser, type PortalUser, type PortalActor } from './portalUsers.ts';
import { userActor } from './requireRole.ts';

export const putUserInput = z.object({ name: userNameSchema, roles: rolesSchema }).strict();
export type PutUserInput = z.input<typeof putUserInput>;

/**
 * Creates a user of the account or replaces its roles (PC-1: License Admin is the role the
 * Licenses functions need). An Account Admin does this; the account's first user signs up
 * without one and must take Account Admin, or nobody could ever add a user.
 */
export async function putPortalUser(ctx: CoreContext, actor: PortalActor, input: PutUserInput): Promise<Result<PortalUser>> {
  const parsed = parseValue(input, putUserInput, 'user');
  if (!parsed.ok) return parsed;
  const { name, roles } = parsed.value;
  const { accountId } = actor;
  return runOperation(ctx, { actor: userActor(actor), action: 'audio.user.put', subject: `${accountId}/${name}` }, async ({ tx, now, audit }) => {
    await ensureAccount(tx, { id: accountId, now });
    // Locks the account row, so two sign-ups at once on PostgreSQL cannot both be the first.
    await tx.accounts.get(accountId, { forUpdate: true });
    const first = !(await accountHasUsers(tx, accountId));
    if (first && !roles.includes(PortalRole.AccountAdmin)) {
      return fail('BAD_REQUEST', `the first user of account ${accountId} must hold the ${PortalRole.AccountAdmin} role, so that users can be added later`, 'roles');
    }
    const user: PortalUser = { accountId, name, roles };
    await writeUser(tx, user, now);
    await audit({ name, roles, firstUser: first });
    return ok(user);
  });
}
