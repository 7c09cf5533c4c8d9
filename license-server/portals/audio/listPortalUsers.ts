import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { readUser, USER_KIND, type PortalActor, type PortalUser } from './portalUsers.ts';

/**
 * [PC-1] The account's users and their roles, by name, for the Account Admin who gives them
 * (the portal page's users table). Each record is read as `readUser` reads it, so one that no
 * longer parses shows with no roles, as it grants none.
 */
export async function listPortalUsers(ctx: CoreContext, actor: PortalActor): Promise<Result<PortalUser[]>> {
  return readStore(ctx, async (tx) => {
    const users: PortalUser[] = [];
    for (const record of await tx.records.list(USER_KIND, { accountId: actor.accountId })) {
      const name = record.id.slice(actor.accountId.length + 1);
      const user = await readUser(tx, actor.accountId, name);
      if (user !== undefined) users.push(user);
    }
    return ok(users.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  });
}
