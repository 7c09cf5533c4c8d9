import { z } from 'zod';
import { licenseRef } from '../../../scenario/fields.ts';
import { gatewayOp } from './gatewayOp.ts';

/** `- gw.invalidate: { devices: gw-001, licenses: [o1.1] }` — [GW-6] returns licenses to the portal, proving identity with the device certificate. */
export const invalidate = gatewayOp({
  kind: 'gw.invalidate',
  summary: 'The device invalidates licenses at the portal, signed with its device certificate.',
  args: { licenses: z.array(licenseRef).min(1) },
  what: (a) => `invalidate ${a.licenses.join(', ')}`,
  run: (gw, a, world) => {
    const ids: string[] = [];
    for (const ref of a.licenses) {
      const id = world.license(ref);
      if (!id.ok) return id;
      ids.push(id.value);
    }
    return gw.portal.invalidate(ids);
  },
});
