import { z } from 'zod';
import { errorCode, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { keptToken } from '../videoVars.ts';
import { videoModule } from '../../../../license-server/portals/video/videoModule.ts';

/** `- video.portal.revokeToken: { token: t1 }` — [CL-8] revokes an access token in the portal. */
export const portalRevokeToken = defineStep({
  kind: 'video.portal.revokeToken',
  split: 'portal',
  summary: 'Revoke an access token made by video.portal.createToken.',
  args: z.object({ token: name.describe('The token, by the name video.portal.createToken gave it.'), expectError: errorCode.optional() }).strict(),
  async run(world, { token, expectError }) {
    const kept = keptToken(world, token);
    if (!kept.ok) return kept;
    const result = await world.server.portal(videoModule).revokeAccessToken({ accountId: kept.value.account, tokenId: kept.value.tokenId });
    if (result.ok) world.record('portal', `video: revoked access token ${kept.value.tokenId} (${token})`);
    return expectOutcome(result, expectError, `revoking access token ${token}`);
  },
});
