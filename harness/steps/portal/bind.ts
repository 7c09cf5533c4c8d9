import { z } from 'zod';
import { devices, errorCode, featureCode, licenseRef, name } from '../../scenario/fields.ts';
import { defineStep } from '../StepKind.ts';
import { expectOutcome } from '../outcome.ts';
import { fail } from '../../../protocol/result.ts';

/**
 * [GW-2] Binds licenses to devices' hardware IDs in the portal.
 * `- portal.bind: { license: o1.1, devices: gw-001 }` binds one license;
 * `- portal.bind: { order: o1, feature: Port, devices: '*' }` binds the order's licenses (of
 * that feature) one per device, in device order.
 */
export const bind = defineStep({
  kind: 'portal.bind',
  summary: 'Bind a license (`license: o1.2`) or an order\'s licenses one per device (`order: o1`) to hardware IDs.',
  args: z.object({ license: licenseRef.optional(), order: name.optional(), feature: featureCode.optional(), devices, expectError: errorCode.optional() })
    .strict()
    .refine((a) => (a.license === undefined) !== (a.order === undefined), { message: 'give either license or order' }),
  async run(world, args) {
    const chosen = world.select(args.devices);
    if (!chosen.ok) return chosen;
    let licenseIds: string[];
    if (args.license !== undefined) {
      const id = world.license(args.license);
      if (!id.ok) return id;
      licenseIds = [id.value];
    } else {
      const order = world.order(args.order!);
      if (!order.ok) return order;
      const listed = await world.server.gateway.listLicenses({ accountId: order.value.spec.account });
      if (!listed.ok) return listed;
      licenseIds = listed.value
        .filter((l) => order.value.licenses.includes(l.id) && l.hardwareId === null && (args.feature === undefined || l.featureCode === args.feature))
        .map((l) => l.id);
    }
    if (licenseIds.length < chosen.value.length) {
      return fail('NOT_ENOUGH_LICENSES', `${chosen.value.length} device(s) selected but only ${licenseIds.length} unbound license(s) to bind`);
    }
    for (const [i, device] of chosen.value.entries()) {
      const result = await world.server.gateway.bind({ licenseId: licenseIds[i]!, hardwareId: device.board.identity.hardwareId });
      const outcome = expectOutcome(result, args.expectError, `binding ${licenseIds[i]} to ${device.id}`, device.id);
      if (!outcome.ok) return outcome;
      if (result.ok) world.record('portal', `bound ${licenseIds[i]} (${result.value.featureCode}) to ${device.board.identity.hardwareId}`, device.id);
    }
    return { ok: true, value: chosen.value.length };
  },
});
