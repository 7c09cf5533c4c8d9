import { z } from 'zod';
import { errorCode, name } from '../../scenario/fields.ts';
import { defineStep } from '../StepKind.ts';
import { expectOutcome } from '../outcome.ts';

/**
 * `- order.activate: { order: o1 }` — [GW-1] [CL-2] enters the order's activation key in the
 * license cloud, which creates its licenses in the order's account; later steps name them
 * `o1.1`, `o1.2`, …. `key` types a different key instead (a typo, say).
 */
export const orderActivate = defineStep({
  kind: 'order.activate',
  split: 'portal',
  summary: "Activate an order's licenses in its account with the order's activation key (or a typed `key`).",
  args: z.object({
    order: name.describe('The scenario order to activate.'),
    key: z.string().optional().describe("An activation key to type instead of the order's own."),
    expectError: errorCode.optional(),
  }).strict(),
  async run(world, { order: orderName, key, expectError }) {
    const order = world.order(orderName);
    if (!order.ok) return order;
    const typed = key ?? order.value.activationKey;
    const result = await world.server.core.activate({ accountId: order.value.spec.account, activationKey: typed });
    if (result.ok) {
      order.value.licenses = result.value.map((l) => l.id);
      world.record('portal', `activated ${typed}: ${result.value.length} license(s)`);
    }
    return expectOutcome(result, expectError, `activating ${typed}`);
  },
});
