import { z } from 'zod';
import { devices, errorCode, featureCode, licenseRef, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { fail, ok, type Result } from '../../../../protocol/result.ts';
import type { World } from '../../../runner/World.ts';
import { gatewayModule } from '../../../../license-server/portals/gateway/gatewayModule.ts';

/**
 * [GW-2] Binds licenses to devices' hardware IDs in the portal.
 * `- gateway.portal.bind: { license: o1.1, devices: gw-001 }` binds one license;
 * `- gateway.portal.bind: { order: o1, devices: '*' }` gives every device one unbound license of each
 * feature in the order (or only of `feature`), in device order.
 */
type BindArgs = { license?: string; order?: string; feature?: string };

/** License IDs to bind to each selected device, in device order. */
async function bindingPlan(world: World, args: BindArgs, deviceCount: number): Promise<Result<string[][]>> {
  if (args.license !== undefined) {
    const id = world.license(args.license);
    if (!id.ok) return id;
    if (deviceCount !== 1) return fail('BAD_REQUEST', `license ${args.license} can be bound to one device, but ${deviceCount} are selected`);
    return ok([[id.value]]);
  }
  const order = world.order(args.order!);
  if (!order.ok) return order;
  const listed = await world.server.core.listLicenses({ accountId: order.value.spec.account });
  if (!listed.ok) return listed;
  // A set and pushes, not includes() and copies: an order for 30,000 devices has 60,000 licenses.
  const inOrder = new Set(order.value.licenses);
  const free = new Map<string, string[]>();
  for (const l of listed.value) {
    if (!inOrder.has(l.id) || l.hardwareId !== null) continue;
    if (args.feature !== undefined && l.featureCode !== args.feature) continue;
    const ids = free.get(l.featureCode);
    if (ids === undefined) free.set(l.featureCode, [l.id]);
    else ids.push(l.id);
  }
  if (free.size === 0) return fail('NOT_ENOUGH_LICENSES', `order ${args.order} has no unbound license${args.feature ? ` of ${args.feature}` : ''} left (activate it first?)`);
  for (const [feature, ids] of free) {
    if (ids.length < deviceCount) return fail('NOT_ENOUGH_LICENSES', `${deviceCount} device(s) selected but order ${args.order} has only ${ids.length} unbound ${feature} license(s)`);
  }
  const byFeature = [...free.values()];
  return ok(Array.from({ length: deviceCount }, (_, i) => byFeature.map((ids) => ids[i]!)));
}

export const portalBind = defineStep({
  kind: 'gateway.portal.bind',
  split: 'portal',
  summary: "Bind a license (`license: o1.2`) to a device, or give each device one of each feature of an order (`order: o1`).",
  args: z.object({
    license: licenseRef.optional().describe('One license to bind, to the one device selected.'),
    order: name.optional().describe("Bind this order's licenses, one per selected device in turn."),
    feature: featureCode.optional().describe("With order: only the order's licenses of this feature."),
    devices,
    expectError: errorCode.optional(),
  })
    .strict()
    .refine((a) => (a.license === undefined) !== (a.order === undefined), { message: 'give either license or order' }),
  async run(world, args) {
    const chosen = world.selectMembers(args.devices);
    if (!chosen.ok) return chosen;
    const plan = await bindingPlan(world, args, chosen.value.length);
    if (!plan.ok) return plan;
    for (const [i, device] of chosen.value.entries()) {
      for (const licenseId of plan.value[i]!) {
        const result = await world.server.portal(gatewayModule).bind({ licenseId, hardwareId: device.identity.hardwareId });
        const outcome = expectOutcome(result, args.expectError, `binding ${licenseId} to ${device.id}`, device.id);
        if (!outcome.ok) return outcome;
        if (result.ok) world.record('portal', `bound ${licenseId} (${result.value.featureCode}) to ${device.identity.hardwareId}`, device.id);
      }
    }
    return { ok: true, value: chosen.value.length };
  },
});
