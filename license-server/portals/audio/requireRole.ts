import { fail, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { readStore, runOperation } from '../../core/runOperation.ts';
import { accountHasUsers, readUser, userNameSchema, type PortalRole, type PortalActor } from './portalUsers.ts';

export type PortalOperation<I, T> = (actor: PortalActor, input: I) => Promise<Result<T>>;

export interface RoleOptions {
  /** Lets anyone act while the account has no users: how an account gets its first user. */
  firstUser?: boolean;
}

/** The audit log's name for a portal user. */
export const userActor = (actor: PortalActor): string => `user:${actor.accountId}/${actor.user}`;

/**
 * [PC-1] The one place the device-management portal checks roles: every user-facing operation
 * is wrapped in this, so none can forget it. Runs before the operation reads its input, so a
 * user without the role learns nothing from a malformed request but FORBIDDEN. A refusal is
 * written to the audit log. A missing or unknown user is refused alike, and the message does
 * not say whether the account exists.
 */
export function requireRole<I, T>(
  ctx: CoreContext,
  spec: { role: PortalRole; action: string } & RoleOptions,
  op: PortalOperation<I, T>,
): PortalOperation<I, T> {
  return async (actor, input) => {
    const refused = await checkRole(ctx, actor, spec);
    return refused ?? op(actor, input);
  };
}

async function checkRole(ctx: CoreContext, actor: PortalActor, spec: { role: PortalRole; action: string } & RoleOptions): Promise<Result<never> | undefined> {
  const { role, action } = spec;
  const raw = (typeof actor === 'object' && actor !== null ? actor : {}) as Partial<Record<keyof PortalActor, unknown>>;
  const accountId = accountIdSchema.safeParse(raw.accountId);
  if (!accountId.success) return fail('BAD_REQUEST', `${action}: accountId: ${accountId.error.issues[0]!.message}`, 'accountId');
  const user = userNameSchema.safeParse(raw.user);
  if (!user.success) {
    return fail('FORBIDDEN', `${action} needs a user with the ${role} role; no valid user name was given`, 'user');
  }
  const who: PortalActor = { accountId: accountId.data, user: user.data };
  const reason = await readStore(ctx, async (tx) => {
    if (spec.firstUser === true && !(await accountHasUsers(tx, who.accountId))) return undefined;
    const found = await readUser(tx, who.accountId, who.user);
    if (!found) return `${who.user} is not a user of account ${who.accountId}`;
    if (found.roles.includes(role)) return undefined;
    return `user ${who.user} of account ${who.accountId} lacks the ${role} role (has ${found.roles.length > 0 ? found.roles.join(', ') : 'no roles'})`;
  });
  if (reason === undefined) return undefined;
  const refusal = fail('FORBIDDEN', `${action} needs the ${role} role: ${reason}`, 'user');
  return runOperation(ctx, { actor: userActor(who), action, subject: who.accountId }, async () => refusal);
}
