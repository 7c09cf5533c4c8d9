import { z } from 'zod';
import { ALPHABET } from '../../../../protocol/codes/base32.ts';
import { ACTIVATION_KEY_LENGTH } from '../../../../protocol/codes/activationKey.ts';
import { errorCode, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectationFailed, expectOutcome } from '../../../steps/outcome.ts';
import { actor, asUser } from './portalActor.ts';
import { audioModule } from '../../../../license-server/portals/audio/audioModule.ts';

/**
 * `- audio.portal.activate: { order: o1, as: olive, acceptAgreement: true }` — [PC-5] a License Admin
 * enters the order's activation key in the device-management portal and accepts the license
 * agreement; the order's licenses are then `o1.1`, `o1.2`, …. `key` types another key instead;
 * `typo: N` mistypes the key's Nth character, which the portal must refuse naming position N.
 */
export const portalActivate = defineStep({
  kind: 'audio.portal.activate',
  split: 'portal',
  summary: "Activate an order's licenses in the device-management portal with its 17-character key, as `as`, accepting the license agreement or not; `key` types another key, `typo: N` mistypes character N (refused naming position N).",
  args: z.object({
    order: name.describe("The scenario order whose activation key is typed."),
    as: asUser,
    acceptAgreement: z.boolean().describe('[PC-5] The License Admin ticks the license agreement; activation needs it.'),
    key: z.string().max(64).optional().describe("A key to type instead of the order's own."),
    typo: z.number().int().min(1).max(ACTIVATION_KEY_LENGTH).optional().describe("Mistype the order's key at this character (1-based): it must be refused with CODE_INVALID naming the position."),
    expectError: errorCode.optional(),
  }).strict().refine((a) => a.typo === undefined || (a.key === undefined && a.expectError === undefined), {
    message: 'typo mistypes the order\'s own key and expects CODE_INVALID itself; give it without key and expectError',
  }),
  async run(world, a) {
    const order = world.order(a.order);
    if (!order.ok) return order;
    const typed = a.typo !== undefined ? mistype(order.value.activationKey, a.typo) : a.key ?? order.value.activationKey;
    const result = await world.server.portal(audioModule).activate(actor(order.value.spec.account, a.as), { activationKey: typed, acceptAgreement: a.acceptAgreement });
    if (result.ok) {
      order.value.licenses = result.value.recordIds;
      const summary = result.value.licenses.map((l) => `${l.transactionType} ${l.featureCode} ×${l.count} (${l.status})`).join(', ');
      world.record('portal', `activated ${result.value.activationKey}: ${summary || 'no device-management licenses'}`);
    }
    if (a.typo !== undefined) {
      const where = `position ${a.typo}`;
      if (!result.ok && result.error.code === 'CODE_INVALID' && result.error.where === where) return { ok: true, value: result.error };
      const got = result.ok ? 'it was accepted' : `${result.error.code} at ${result.error.where ?? '(no position)'}: ${result.error.message}`;
      return expectationFailed(`the key mistyped at ${where} (${typed}) should be refused with CODE_INVALID naming ${where}; ${got}`, { expected: where, actual: result.ok ? 'accepted' : result.error.where });
    }
    return expectOutcome(result, a.expectError, `activating ${typed} as ${a.as}`);
  },
});

/** The key without dashes, its Nth character swapped for the next one of the alphabet. */
function mistype(key: string, n: number): string {
  const compact = key.replaceAll('-', '');
  const wrong = ALPHABET[(ALPHABET.indexOf(compact[n - 1]!) + 1) % ALPHABET.length]!;
  return `${compact.slice(0, n - 1)}${wrong}${compact.slice(n)}`;
}
