import { z } from 'zod';
import { deviceId, errorCode, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { keepResponse, productOf } from '../videoVars.ts';
import { account } from './portalArgs.ts';
import { videoModule } from '../../../../license-server/portals/video/videoModule.ts';

/**
 * `- video.portal.processLicense: { account: acme, product: cl-001 }` — [CL-7] Purchased Products >
 * License > Process License > Process Request: the response code is copied for
 * video.installResponse, kept under the device's ID, or under `as` too (to reuse an old one later).
 */
export const portalProcess = defineStep({
  kind: 'video.portal.processLicense',
  split: 'portal',
  summary: 'Process License for a purchased product and copy the Response Code for video.installResponse (kept under `as` too, if given).',
  args: z.object({
    account,
    product: deviceId.describe('The purchased product to process the license for.'),
    as: name.optional().describe('Also keep the response code under this name, for video.installResponse.'),
    expectError: errorCode.optional(),
  }).strict(),
  async run(world, { account, product, as, expectError }) {
    const target = productOf(world, product);
    if (!target.ok) return target;
    const result = await world.server.portal(videoModule).processLicense({ accountId: account, productId: target.value.productId });
    if (result.ok) {
      keepResponse(world, product, result.value.responseCode);
      if (as !== undefined) keepResponse(world, as, result.value.responseCode);
      const grants = result.value.grants.map((g) => `${g.featureCode}×${g.count}`).join(', ') || 'no entitlements';
      world.record('portal', `video: response code for ${product} (${grants})`, product);
    }
    return expectOutcome(result, expectError, `processing the license of ${product}`, product);
  },
});
