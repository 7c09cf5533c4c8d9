import { z } from 'zod';
import { errorCode } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { portalRoles } from '../../../../license-server/portals/audio/portalUsers.ts';
import { account, actor, asUser, DEFAULT_ACCOUNT } from './portalActor.ts';
import { audioModule } from '../../../../license-server/portals/audio/audioModule.ts';

/**
 * `- audio.portal.addUser: { account: acme, user: bob, roles: [Device Admin], as: olive }` — an Account
 * Admin (`as`) gives a user of the device-management portal its roles (PC-1). The account's
 * first user signs up as itself, so `as` defaults to `user`.
 */
export const portalAddUser = defineStep({
  kind: 'audio.portal.addUser',
  split: 'portal',
  summary: 'Create a device-management portal user with roles (Account Admin, License Admin, Device Admin), as an Account Admin (`as`).',
  args: z.object({
    account: account.default(DEFAULT_ACCOUNT),
    user: asUser.describe('The new user\'s name.'),
    roles: z.array(z.enum(portalRoles)).describe('The roles the new user gets.'),
    as: asUser.optional().describe('The Account Admin who adds the user; the account\'s first user when omitted.'),
    expectError: errorCode.optional(),
  }).strict(),
  async run(world, a) {
    const result = await world.server.portal(audioModule).putUser(actor(a.account, a.as ?? a.user), { name: a.user, roles: a.roles });
    if (result.ok) world.record('portal', `user ${a.user} of ${a.account}: ${a.roles.join(', ') || 'no roles'}`);
    return expectOutcome(result, a.expectError, `adding user ${a.user} to ${a.account} as ${a.as ?? a.user}`);
  },
});
