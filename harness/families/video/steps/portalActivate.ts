import { z } from 'zod';
import { errorCode, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';

/**
 * `- clPortal.activate: { order: o1 }` — [CL-2] enters the License Activation Key the order
 * yielded (or a typed `key`) in the video portal; its CLARITI-* licenses become entitlements.
 */
export const portalActivate = defineStep({
  kind: 'clPortal.activate',
  summary: "Activate an order's License Activation Key in the video portal (or a typed `key`).",
  args: z.object({ order: name, key: z.string().optional(), expectError: errorCode.optional() }).strict(),
  async run(world, { order: orderName, key, expectError }) {
    const order = world.order(orderName);
    if (!order.ok) return order;
    const typed = key ?? order.value.activationKey;
    const result = await world.server.video.activate({ accountId: order.value.spec.account, activationKey: typed });
    if (result.ok) {
      order.value.licenses = result.value.map((l) => l.id);
      world.record('portal', `video: activated ${typed}: ${result.value.map((l) => `${l.featureCode}×${l.count}`).join(', ')}`);
    }
    return expectOutcome(result, expectError, `activating ${typed} in the video portal`);
  },
});
