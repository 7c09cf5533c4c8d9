import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';

/** `- gateway.testLicense: { devices: gw-001 }` — [GW-8] downloads the device's one three-month test license. */
export const testLicense = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.testLicense',
  summary: 'The device downloads its test license (valid 3 months; the portal gives one per device, ever).',
  args: {},
  what: () => 'download a test license',
  run: (gw) => gw.portal.downloadTestLicense(),
});
