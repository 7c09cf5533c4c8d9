import { z } from 'zod';
import { errorCode, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { keepToken } from '../videoVars.ts';
import { videoModule } from '../../../../license-server/portals/video/videoModule.ts';
import { account } from './portalArgs.ts';

/**
 * `- video.portal.createToken: { account: acme, user: alice, as: t1 }` — [CL-8] creates an access
 * token for a user; `as` names it for video.configure and video.portal.revokeToken.
 */
export const portalCreateToken = defineStep({
  kind: 'video.portal.createToken',
  split: 'portal',
  summary: 'Create an access token for a portal user; `as` names it for later steps.',
  args: z.object({
    account,
    user: z.string().min(1).max(128).describe('The portal user the token is for.'),
    as: name.describe('The name later steps use for the token (video.configure token, video.portal.revokeToken).'),
    expectError: errorCode.optional(),
  }).strict(),
  async run(world, { account: accountId, user, as, expectError }) {
    const result = await world.server.portal(videoModule).createAccessToken({ accountId, user });
    if (result.ok) {
      keepToken(world, as, { account: accountId, tokenId: result.value.tokenId, secret: result.value.token });
      world.record('portal', `video: access token ${result.value.tokenId} for ${user} (${as})`);
    }
    return expectOutcome(result, expectError, `creating an access token for ${user}`);
  },
});
