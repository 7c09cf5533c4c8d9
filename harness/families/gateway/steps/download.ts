import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';

/** `- gateway.download: { devices: '*' }` — [GW-6] the device fetches its licenses from the portal itself. */
export const download = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.download',
  summary: 'The device downloads the licenses the portal has bound to it (and drops those moved away).',
  args: {},
  what: () => 'download licenses from the portal',
  run: (gw) => gw.portal.download(),
});
