import { z } from 'zod';
import { errorCode, licenseRef, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { fail } from '../../../../protocol/result.ts';
import { orderOfLicense } from '../../../steps/licenseRefs.ts';
import { actor, asUser } from './portalActor.ts';
import { audioModule } from '../../../../license-server/portals/audio/audioModule.ts';

/**
 * `- audio.portal.renew: { license: o1.1, as: olive, renewal: r1 }` — [PC-6] a License Admin renews a
 * license in Expiring Shortly; the Renewal, with the term's Addons rolled in, is then `r1.1`.
 */
export const portalRenew = defineStep({
  kind: 'audio.portal.renew',
  split: 'portal',
  summary: 'Renew a license in Expiring Shortly (its Addons rolled into one Renewal), as `as`; `renewal` names the new license for later steps (`r1.1`).',
  args: z.object({
    license: licenseRef,
    as: asUser,
    years: z.union([z.literal(1), z.literal(3)]).optional().describe('[PC-6] The renewal term: 1 or 3 years; the license\'s own term when omitted.'),
    renewal: name.optional().describe('Names the renewal order, so later steps can refer to its license as NAME.1.'),
    expectError: errorCode.optional(),
  }).strict(),
  async run(world, a) {
    const id = world.license(a.license);
    if (!id.ok) return id;
    if (a.renewal !== undefined && world.orders.has(a.renewal)) return fail('BAD_REQUEST', `renewal: '${a.renewal}' already names an order of the scenario`);
    const accountId = orderOfLicense(world, a.license)!.spec.account;
    const result = await world.server.portal(audioModule).renew(actor(accountId, a.as), { licenseId: id.value, years: a.years });
    if (result.ok) {
      const { renewal, orderId } = result.value;
      world.record('portal', `renewed ${a.license} as ${renewal.licenseId}: ${renewal.featureCode} ×${renewal.count} (${renewal.status}), ${result.value.rolledIn.length} Addon(s) rolled in`);
      if (a.renewal !== undefined) {
        world.orders.set(a.renewal, {
          spec: { id: a.renewal, account: accountId, items: [{ feature: renewal.featureCode, count: renewal.count, quantity: 1, type: 'Renewal', term: { months: 0, ms: (renewal.endTime ?? renewal.startTime) - renewal.startTime } }] },
          orderId,
          activationKey: renewal.licenseId,
          licenses: [renewal.recordId],
        });
      }
    }
    return expectOutcome(result, a.expectError, `renewing ${a.license} as ${a.as}`);
  },
});
