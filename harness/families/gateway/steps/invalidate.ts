import { z } from 'zod';
import { licenseRef } from '../../../scenario/fields.ts';
import { licenseIds } from '../../../steps/licenseRefs.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';

/** `- gateway.invalidate: { devices: gw-001, licenses: [o1.1] }` — [GW-6] returns licenses to the portal, proving identity with the device certificate. */
export const invalidate = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.invalidate',
  summary: 'The device invalidates licenses at the portal, signed with its device certificate.',
  args: { licenses: z.array(licenseRef).min(1).describe('The licenses to invalidate on this device, as ORDER.N references.') },
  what: (a) => `invalidate ${a.licenses.join(', ')}`,
  run: (gw, a, world) => {
    const ids = licenseIds(world, a.licenses);
    return ids.ok ? gw.portal.invalidate(ids.value) : ids;
  },
});
