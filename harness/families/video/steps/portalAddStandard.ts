import { z } from 'zod';
import { deviceId, errorCode } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { copiedWindow } from '../videoVars.ts';
import { videoModule } from '../../../../license-server/portals/video/videoModule.ts';
import { account, mistype, typo } from './portalArgs.ts';

/**
 * `- video.portal.addStandard: { account: acme, product: cl-001 }` — [CL-4] Add Standard Purchased
 * Product with the request code the product showed (video.requestCode); `typo: 8` mistypes its
 * 8th character.
 */
export const portalAddStandard = defineStep({
  kind: 'video.portal.addStandard',
  split: 'portal',
  summary: 'Add Standard Purchased Product with the request code the product showed (`typo: N` mistypes character N).',
  args: z.object({ account, product: deviceId.describe('The product whose request code was copied.'), typo, expectError: errorCode.optional() }).strict(),
  async run(world, { account: accountId, product, typo: at, expectError }) {
    const window = copiedWindow(world, product);
    if (!window.ok) return window;
    const requestCode = at === undefined ? window.value.requestCode : mistype(window.value.requestCode, at);
    const result = await world.server.portal(videoModule).addStandardProduct({ accountId, requestCode });
    if (result.ok) world.record('portal', `video: ${product} listed as purchased product ${result.value.productId}`, product);
    return expectOutcome(result, expectError, `adding ${product} with request code ${requestCode}`, product);
  },
});
