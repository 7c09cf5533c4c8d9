import { z } from 'zod';
import { deviceId, errorCode, licenseRef } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { gatewayModule } from '../../../../license-server/portals/gateway/gatewayModule.ts';

/** `- gateway.portal.move: { license: o1.1, to: gw-002 }` — [GW-3] moves a license to another device in the portal. */
export const portalMove = defineStep({
  kind: 'gateway.portal.move',
  split: 'portal',
  summary: "Move a license to another device's hardware ID; the old device's copy becomes invalid.",
  args: z.object({ license: licenseRef, to: deviceId.describe('The device the license moves to.'), expectError: errorCode.optional() }).strict(),
  async run(world, { license, to, expectError }) {
    const id = world.license(license);
    if (!id.ok) return id;
    const target = world.selectMembers(to);
    if (!target.ok) return target;
    const device = target.value[0]!;
    const result = await world.server.portal(gatewayModule).move({ licenseId: id.value, toHardwareId: device.identity.hardwareId });
    if (result.ok) world.record('portal', `moved ${id.value} to ${device.identity.hardwareId}`, device.id);
    return expectOutcome(result, expectError, `moving ${license} to ${to}`, device.id);
  },
});
