import { z } from 'zod';
import { deviceId, errorCode } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { fail } from '../../../../protocol/result.ts';
import { copiedWindow } from '../videoVars.ts';
import { videoModule } from '../../../../license-server/portals/video/videoModule.ts';
import { account, mistype, typo } from './portalArgs.ts';

const field = z.string().min(1).max(128);

/**
 * `- video.portal.addRestrictive: { account: acme, product: cl-001, name: Clariti-Core-01 }` — [CL-5]
 * Add Restrictive Purchased Product with the License Product window copied by hand: every field
 * as shown unless given here (a wrong capitalization, say). Serial and Host name are entered
 * only with `optional: true` or when given.
 */
export const portalAddRestrictive = defineStep({
  kind: 'video.portal.addRestrictive',
  split: 'portal',
  summary: 'Add Restrictive Purchased Product with the fields copied from the window; fields given here replace the copied ones.',
  args: z.object({
    account,
    product: deviceId.describe('The product whose License Product window was copied.'),
    name: field.optional().describe('The Name field, instead of the copied one.'),
    type: field.optional().describe('The Type field, instead of the copied one.'),
    version: field.optional().describe('The Version field, instead of the copied one.'),
    serial: field.optional().describe('The Serial Number field, instead of the copied one.'),
    hostName: field.optional().describe('The Host Name field, instead of the copied one.'),
    optional: z.boolean().default(false).describe('Also fill the optional fields. Default false.'),
    typo,
    expectError: errorCode.optional(),
  }).strict(),
  async run(world, { account: accountId, product, optional, typo: at, expectError, ...typed }) {
    const window = copiedWindow(world, product);
    if (!window.ok) return window;
    const shown = window.value;
    if (shown.mode !== 'restrictive') {
      return fail('WRONG_MODE', `${product} showed a standard-mode window; set License mode to Restrictive and run video.requestCode again`);
    }
    const requestCode = at === undefined ? shown.requestCode : mistype(shown.requestCode, at);
    const result = await world.server.portal(videoModule).addRestrictiveProduct({
      accountId,
      name: typed.name ?? shown.name,
      type: typed.type ?? shown.type,
      version: typed.version ?? shown.version,
      requestCode,
      serial: typed.serial ?? (optional ? shown.serial : undefined),
      hostName: typed.hostName ?? (optional ? shown.hostName : undefined),
    });
    if (result.ok) world.record('portal', `video: ${product} listed as restrictive purchased product ${result.value.productId}`, product);
    return expectOutcome(result, expectError, `adding ${product} as a restrictive product`, product);
  },
});
