import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { ensureAccount } from '../../core/accounts.ts';
import { runOperation } from '../../core/runOperation.ts';
import { accountHasUsers, PortalRole, rolesSchema, userNameSchema, writeUser, type PortalUser, type PortalActor } from './portalUsers.ts';
import { roleRefusal, userActor, validActor } from './requireRole.ts';

export const putUserInput = z.object({ name: userNameSchema, roles: rolesSchema }).strict();
export type PutUserInput = z.input<typeof putUserInput>;

const ACTION = 'audio.user.put';
const accountAdmin = { role: PortalRole.AccountAdmin, action: ACTION };

/**
 * Creates a user of the account or replaces its roles (PC-1: License Admin is the role the
 * Licenses functions need). An Account Admin does this; the account's first user signs up as
 * itself, unchecked, and must take Account Admin, or nobody could ever add a user.
 *
 * Whether the account has users, the role check and the write are one transaction, with the
 * account's row locked first: checked apart, two sign-ups at once could both find no users and
 * both get in. As in requireRole, the role is checked before the input is read.
 */
export async function putPortalUser(ctx: CoreContext, actor: PortalActor, input: PutUserInput): Promise<Result<PortalUser>> {
  const who = validActor(actor, accountAdmin);
  if (!who.ok) return who;
  const { accountId, user } = who.value;
  return runOperation(ctx, { actor: userActor(who.value), action: ACTION, subject: accountId }, async ({ tx, now, audit }) => {
    await ensureAccount(tx, { id: accountId, now });
    // Serializes the account's sign-ups on PostgreSQL; SQLite transactions are serial already.
    await tx.accounts.get(accountId, { forUpdate: true });
    const first = !(await accountHasUsers(tx, accountId));
    if (!first) {
      const refused = await roleRefusal(tx, who.value, accountAdmin);
      if (refused) return refused;
    }
    const parsed = parseValue(input, putUserInput, 'user');
    if (!parsed.ok) return parsed;
    const { name, roles } = parsed.value;
    if (first && name !== user) {
      return fail('FORBIDDEN', `account ${accountId} has no users yet: its first user signs up as itself (${user}), not as ${name}`, 'user');
    }
    if (first && !roles.includes(PortalRole.AccountAdmin)) {
      return fail('BAD_REQUEST', `the first user of account ${accountId} must hold the ${PortalRole.AccountAdmin} role, so that users can be added later`, 'roles');
    }
    const created: PortalUser = { accountId, name, roles };
    await writeUser(tx, created, now);
    await audit({ name, roles, firstUser: first }, { subject: `${accountId}/${name}` });
    return ok(created);
  });
}
