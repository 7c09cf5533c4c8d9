import { fail, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { readStore, runOperation } from '../../core/runOperation.ts';
import type { StoreTx } from '../../store/Store.ts';
import { readUser, userNameSchema, type PortalRole, type PortalActor } from './portalUsers.ts';

export type PortalOperation<I, T> = (actor: PortalActor, input: I) => Promise<Result<T>>;

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
  spec: { role: PortalRole; action: string },
  op: PortalOperation<I, T>,
): PortalOperation<I, T> {
  return async (actor, input) => {
    const refused = await checkRole(ctx, actor, spec);
    return refused ?? op(actor, input);
  };
}

async function checkRole(ctx: CoreContext, actor: PortalActor, spec: { role: PortalRole; action: string }): Promise<Result<never> | undefined> {
  const who = validActor(actor, spec);
  if (!who.ok) return who;
  const refusal = await readStore(ctx, (tx) => roleRefusal(tx, who.value, spec));
  if (refusal === undefined) return undefined;
  return runOperation(ctx, { actor: userActor(who.value), action: spec.action, subject: who.value.accountId }, async () => refusal);
}

/** The actor as a valid account and user name, or the refusal: a bad account is BAD_REQUEST, a bad user FORBIDDEN. */
export function validActor(actor: PortalActor, spec: { role: PortalRole; action: string }): Result<PortalActor> {
  const raw = (typeof actor === 'object' && actor !== null ? actor : {}) as Partial<Record<keyof PortalActor, unknown>>;
  const accountId = accountIdSchema.safeParse(raw.accountId);
  if (!accountId.success) return fail('BAD_REQUEST', `${spec.action}: accountId: ${accountId.error.issues[0]!.message}`, 'accountId');
  const user = userNameSchema.safeParse(raw.user);
  if (!user.success) return fail('FORBIDDEN', `${spec.action} needs a user with the ${spec.role} role; no valid user name was given`, 'user');
  return { ok: true, value: { accountId: accountId.data, user: user.data } };
}

/**
 * FORBIDDEN unless the user holds the role, read in `tx`: in a transaction of its own for a
 * plain check, or in the operation's own where the check and the write must not be split
 * (putPortalUser).
 */
export async function roleRefusal(tx: StoreTx, who: PortalActor, spec: { role: PortalRole; action: string }): Promise<Result<never> | undefined> {
  const found = await readUser(tx, who.accountId, who.user);
  if (found?.roles.includes(spec.role) === true) return undefined;
  const reason = !found
    ? `${who.user} is not a user of account ${who.accountId}`
    : `user ${who.user} of account ${who.accountId} lacks the ${spec.role} role (has ${found.roles.length > 0 ? found.roles.join(', ') : 'no roles'})`;
  return fail('FORBIDDEN', `${spec.action} needs the ${spec.role} role: ${reason}`, 'user');
}
