import { licenseRef } from '../../../scenario/fields.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';

/** `- gateway.delete: { devices: gw-001, license: o1.1 }` — [GW-4] deletes an installed license on the License page. */
export const deleteLicense = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.delete',
  summary: 'Delete an installed license on the License page (takes effect after a reset).',
  args: { license: licenseRef },
  what: (a) => `delete ${a.license} on the License page`,
  run: (gw, a, world) => {
    const id = world.license(a.license);
    return id.ok ? gw.page.delete(id.value) : id;
  },
});
