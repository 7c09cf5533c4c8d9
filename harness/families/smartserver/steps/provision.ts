import { z } from 'zod';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { smartserverDevices } from '../smartserverDevices.ts';
import { fieldDeviceNames } from './fieldDeviceArgs.ts';

/**
 * `- smartserver.provision: { devices: ss-*, fieldDevices: all }` — [SS-7] provisions field devices by
 * hand: named ones (all or none within the device capacity, else LICENSE_LIMIT), or `all` as
 * many as the capacity allows. `refused:` checks how many `all` left unprovisioned.
 */
export const provision = deviceStep({
  family: smartserverDevices,
  kind: 'smartserver.provision',
  summary: 'Provision field devices by hand: the named ones (all or none, bounded by device capacity) or `all` up to the capacity.',
  args: {
    fieldDevices: z.union([z.literal('all'), fieldDeviceNames]).describe('The field devices to provision by name (all or none), or all up to the capacity.'),
    refused: z.number().int().nonnegative().optional().describe('With all: how many must be left unprovisioned for want of capacity.'),
  },
  what: (a) => `provision ${a.fieldDevices === 'all' ? 'all field devices' : a.fieldDevices.join(', ')}`,
  run: (server, a) => {
    const result = server.fieldDevices.provision(a.fieldDevices);
    if (result.ok && a.refused !== undefined && result.value.refused !== a.refused) {
      return { ok: false, error: { code: 'EXPECTATION_FAILED', message: `expected ${a.refused} field device(s) refused for lack of capacity, found ${result.value.refused}` } };
    }
    return result;
  },
});
