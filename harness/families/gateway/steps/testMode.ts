import { z } from 'zod';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';

/** `- gateway.testMode: { devices: gw-001, on: true }` — [GW-9] switches test mode on or off on the License page. */
export const testMode = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.testMode',
  summary: 'Switch test mode on (fully licensed for 8 hours, then off and reboot) or off.',
  args: { on: z.boolean().describe('true switches test mode on (for 8 hours at most), false off.') },
  what: (a) => `switch test mode ${a.on ? 'on' : 'off'}`,
  run: (gw, a) => (a.on ? gw.testMode.on() : gw.testMode.off()),
});
