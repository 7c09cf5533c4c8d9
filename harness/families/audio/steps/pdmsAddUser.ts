import { z } from 'zod';
import { errorCode } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { pdmsRoles } from '../../../../license-server/portals/devicemgmt/pdmsUsers.ts';
import { account, actor, asUser, DEFAULT_ACCOUNT } from './pdmsActor.ts';

/**
 * `- pdms.addUser: { account: acme, user: bob, roles: [Device Admin], as: olive }` — an Account
 * Admin (`as`) gives a user of the device-management portal its roles (PC-1). The account's
 * first user signs up as itself, so `as` defaults to `user`.
 */
export const pdmsAddUser = defineStep({
  kind: 'pdms.addUser',
  summary: 'Create a device-management portal user with roles (Account Admin, License Admin, Device Admin), as an Account Admin (`as`).',
  args: z.object({
    account: account.default(DEFAULT_ACCOUNT),
    user: asUser,
    roles: z.array(z.enum(pdmsRoles)),
    as: asUser.optional(),
    expectError: errorCode.optional(),
  }).strict(),
  async run(world, a) {
    const result = await world.server.devicemgmt.putUser(actor(a.account, a.as ?? a.user), { name: a.user, roles: a.roles });
    if (result.ok) world.record('portal', `user ${a.user} of ${a.account}: ${a.roles.join(', ') || 'no roles'}`);
    return expectOutcome(result, a.expectError, `adding user ${a.user} to ${a.account} as ${a.as ?? a.user}`);
  },
});
