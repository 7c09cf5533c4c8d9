import { z } from 'zod';
import { deviceId, name as varName } from '../../../scenario/fields.ts';
import { ok } from '../../../../protocol/result.ts';
import { keptResponse } from '../videoVars.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { videoDevices } from '../videoDevices.ts';

/**
 * `- video.installResponse: { devices: cl-001 }` — [CL-7] pastes a response code into the Install
 * License window and selects Process License Response Code. By default the code the portal
 * produced for this device; `response` names another one kept by video.portal.processLicense
 * (`as:`), or another device's; `tamper: true` alters one character first.
 */
export const installResponse = deviceStep({
  family: videoDevices,
  kind: 'video.installResponse',
  summary: 'Paste a response code from the portal (this device\'s by default) and select Process License Response Code.',
  args: {
    response: z.union([deviceId, varName]).optional().describe("Whose response code: a product's ID or a name given with as; the device's own by default."),
    tamper: z.boolean().optional().describe('Alter one character of the code first: the product must refuse it.'),
  },
  what: (a) => `install response code ${a.response ?? '(its own)'}${a.tamper ? ', altered' : ''}`,
  run: (product, a, world, device) => {
    const kept = keptResponse(world, a.response ?? device.id);
    if (!kept.ok) return kept;
    const code = a.tamper ? alter(kept.value) : kept.value;
    const installed = product.licenses.processResponseCode(code);
    return installed.ok ? ok(installed.value.entitlements) : installed;
  },
});

/** Changes one character in the middle of the signed payload, as a typo or a forger would. */
function alter(code: string): string {
  const at = Math.floor(code.length / 2);
  return `${code.slice(0, at)}${code[at] === 'A' ? 'B' : 'A'}${code.slice(at + 1)}`;
}
