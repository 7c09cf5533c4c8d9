import { z } from 'zod';
import { deviceId, errorCode, featureCode } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { productOf } from '../videoVars.ts';
import { account } from './portalArgs.ts';
import { videoModule } from '../../../../license-server/portals/video/videoModule.ts';

/**
 * `- video.portal.assign: { account: acme, feature: CLARITI-PORTS, product: cl-001, count: 6 }` —
 * [CL-6] sets the product's Update Attribute Count for an entitlement and selects Assign
 * Entitlements; refused with ENTITLEMENT_EXHAUSTED beyond what the pool has left.
 */
export const portalAssign = defineStep({
  kind: 'video.portal.assign',
  split: 'portal',
  summary: "Assign a count of an entitlement pool to a purchased product (what it holds afterwards); never over-assigned.",
  args: z.object({
    account,
    feature: featureCode.describe('The entitlement pool, by feature code, e.g. CLARITI-PORTS.'),
    product: deviceId.describe('The purchased product.'),
    count: z.number().int().min(0).describe('How many the product holds afterwards; never more than the pool has.'),
    expectError: errorCode.optional(),
  }).strict(),
  async run(world, { account, feature, product, count, expectError }) {
    const target = productOf(world, product);
    if (!target.ok) return target;
    const result = await world.server.portal(videoModule).assignEntitlement({ accountId: account, featureCode: feature, productId: target.value.productId, count });
    if (result.ok) world.record('portal', `video: ${feature} ${count} assigned to ${product}; ${result.value.available} of ${result.value.total} left`, product);
    return expectOutcome(result, expectError, `assigning ${count} ${feature} to ${product}`, product);
  },
});
