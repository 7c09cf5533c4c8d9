import { z } from 'zod';
import { errorCode, licenseRef, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { licenseIds } from '../../../steps/licenseRefs.ts';
import { customerName, findCustomer } from './customerRef.ts';
import { smartserverModule } from '../../../../license-server/portals/smartserver/smartserverModule.ts';

/**
 * `- smartserver.portal.assign: { customer: Harbour Tower, order: fleet }` — [SS-2] the partner assigns
 * an order's licenses (or `licenses: [fleet.1]`) to its customer, where they wait in the cloud.
 */
export const portalAssign = defineStep({
  kind: 'smartserver.portal.assign',
  split: 'portal',
  summary: "Partner portal: assign licenses — every license of an `order`, or the `licenses` listed — to a customer.",
  args: z.object({
    customer: customerName,
    order: name.optional().describe('Assign every license of this order.'),
    licenses: z.array(licenseRef).min(1).optional().describe('Assign these licenses, as ORDER.N references.'),
    expectError: errorCode.optional(),
  })
    .strict()
    .refine((a) => (a.order === undefined) !== (a.licenses === undefined), { message: 'give either order or licenses' }),
  async run(world, args) {
    const customer = await findCustomer(world, args.customer);
    if (!customer.ok) return customer;
    let ids: string[];
    if (args.order !== undefined) {
      const order = world.order(args.order);
      if (!order.ok) return order;
      if (order.value.licenses.length === 0) return { ok: false, error: { code: 'NO_SUCH_LICENSE', message: `order '${args.order}' has no licenses yet: activate it first (order.activate)` } };
      ids = order.value.licenses;
    } else {
      const refs = licenseIds(world, args.licenses!);
      if (!refs.ok) return refs;
      ids = refs.value;
    }
    const result = await world.server.portal(smartserverModule).assignLicenses({ partnerAccountId: customer.value.partnerAccountId, customerId: customer.value.customerId, licenseIds: ids });
    if (result.ok) world.record('portal', `assigned ${ids.length} license(s) to ${args.customer}`);
    return expectOutcome(result, args.expectError, `assigning ${ids.length} license(s) to ${args.customer}`);
  },
});
