import { z } from 'zod';
import { deviceId, errorCode, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { fail } from '../../../../protocol/result.ts';
import { copiedWindow } from '../videoVars.ts';

const account = name.default('default');
/** 1-based position of a character to mistype in the request code as copied. */
const typo = z.number().int().min(1).optional();

/**
 * `- clPortal.addStandard: { account: acme, product: cl-001 }` — [CL-4] Add Standard Purchased
 * Product with the request code the product showed (cl.requestCode); `typo: 8` mistypes its
 * 8th character.
 */
export const portalAddStandard = defineStep({
  kind: 'clPortal.addStandard',
  summary: 'Add Standard Purchased Product with the request code the product showed (`typo: N` mistypes character N).',
  args: z.object({ account, product: deviceId, typo, expectError: errorCode.optional() }).strict(),
  async run(world, { account: accountId, product, typo: at, expectError }) {
    const window = copiedWindow(world, product);
    if (!window.ok) return window;
    const requestCode = at === undefined ? window.value.requestCode : mistype(window.value.requestCode, at);
    const result = await world.server.video.addStandardProduct({ accountId, requestCode });
    if (result.ok) world.record('portal', `video: ${product} listed as purchased product ${result.value.productId}`, product);
    return expectOutcome(result, expectError, `adding ${product} with request code ${requestCode}`, product);
  },
});

const field = z.string().min(1).max(128);

/**
 * `- clPortal.addRestrictive: { account: acme, product: cl-001, name: Clariti-Core-01 }` — [CL-5]
 * Add Restrictive Purchased Product with the License Product window copied by hand: every field
 * as shown unless given here (a wrong capitalization, say). Serial and Host name are entered
 * only with `optional: true` or when given.
 */
export const portalAddRestrictive = defineStep({
  kind: 'clPortal.addRestrictive',
  summary: 'Add Restrictive Purchased Product with the fields copied from the window; fields given here replace the copied ones.',
  args: z.object({
    account, product: deviceId, name: field.optional(), type: field.optional(), version: field.optional(), serial: field.optional(),
    hostName: field.optional(), optional: z.boolean().default(false), typo, expectError: errorCode.optional(),
  }).strict(),
  async run(world, { account: accountId, product, optional, typo: at, expectError, ...typed }) {
    const window = copiedWindow(world, product);
    if (!window.ok) return window;
    const shown = window.value;
    if (shown.mode !== 'restrictive') {
      return fail('WRONG_MODE', `${product} showed a standard-mode window; set License mode to Restrictive and run cl.requestCode again`);
    }
    const requestCode = at === undefined ? shown.requestCode : mistype(shown.requestCode, at);
    const result = await world.server.video.addRestrictiveProduct({
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

/** The code with character `at` (1-based, dashes counted as typed) replaced by another valid one. */
function mistype(code: string, at: number): string {
  const i = Math.min(at, code.length) - 1;
  const swap = code[i] === '7' ? '8' : '7';
  return `${code.slice(0, i)}${swap}${code.slice(i + 1)}`;
}
