import { z } from 'zod';
import { fieldProtocols } from '../../../../firmware-sim/smartserver/smartserverImage.ts';
import { MAX_FIELD_DEVICES } from '../../../../firmware-sim/smartserver/fieldDevices.ts';
import { deviceOp } from '../../../steps/deviceOp.ts';
import { smartserverDevices } from '../smartserverDevices.ts';

const fieldDeviceNames = z.array(z.string().min(1).max(32)).min(1);

/** `- ss.addFieldDevices: { devices: ss-*, protocol: LON, count: 20 }` — [SS-7] LON, BACnet or Modbus devices, by count or name. */
export const addFieldDevices = deviceOp({
  family: smartserverDevices,
  kind: 'ss.addFieldDevices',
  summary: 'Add LON, BACnet or Modbus field devices to the Devices widget, by `count` (named lon-001, …) or by `names`; they start unprovisioned.',
  args: { protocol: z.enum(fieldProtocols), count: z.number().int().min(1).max(MAX_FIELD_DEVICES).optional(), names: fieldDeviceNames.optional() },
  what: (a) => `add ${a.count ?? a.names?.length ?? 0} ${a.protocol} field device(s)`,
  run: (server, a) => server.fieldDevices.add(a.names ? { protocol: a.protocol, names: a.names } : { protocol: a.protocol, count: a.count }),
});

/**
 * `- ss.provision: { devices: ss-*, fieldDevices: all }` — [SS-7] provisions field devices by
 * hand: named ones (all or none within the device capacity, else LICENSE_LIMIT), or `all` as
 * many as the capacity allows. `refused:` checks how many `all` left unprovisioned.
 */
export const provision = deviceOp({
  family: smartserverDevices,
  kind: 'ss.provision',
  summary: 'Provision field devices by hand: the named ones (all or none, bounded by device capacity) or `all` up to the capacity.',
  args: { fieldDevices: z.union([z.literal('all'), fieldDeviceNames]), refused: z.number().int().nonnegative().optional() },
  what: (a) => `provision ${a.fieldDevices === 'all' ? 'all field devices' : a.fieldDevices.join(', ')}`,
  run: (server, a) => {
    const result = server.fieldDevices.provision(a.fieldDevices);
    if (result.ok && a.refused !== undefined && result.value.refused !== a.refused) {
      return { ok: false, error: { code: 'EXPECTATION_FAILED', message: `expected ${a.refused} field device(s) refused for lack of capacity, found ${result.value.refused}` } };
    }
    return result;
  },
});
