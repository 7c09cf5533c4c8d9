import { z } from 'zod';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';

export const channels = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.channels',
  summary: 'Set how many gateway channels are in use (bounded by Port licenses).',
  args: { inUse: z.number().int().nonnegative().describe('How many gateway channels are in use; refused beyond the Port licenses in force.') },
  what: (a) => `put ${a.inUse} channel(s) in use`,
  run: (gw, a) => gw.gateway.setChannelsInUse(a.inUse),
});
