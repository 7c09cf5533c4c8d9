import { z } from 'zod';
import { fieldProtocols } from '../../../../firmware-sim/smartserver/smartserverImage.ts';
import { MAX_FIELD_DEVICES } from '../../../../firmware-sim/smartserver/fieldDevices.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { smartserverDevices } from '../smartserverDevices.ts';
import { fieldDeviceNames } from './fieldDeviceArgs.ts';

/** `- smartserver.addFieldDevices: { devices: ss-*, protocol: LON, count: 20 }` — [SS-7] LON, BACnet or Modbus devices, by count or name. */
export const addFieldDevices = deviceStep({
  family: smartserverDevices,
  kind: 'smartserver.addFieldDevices',
  summary: 'Add LON, BACnet or Modbus field devices to the Devices widget, by `count` (named lon-001, …) or by `names`; they start unprovisioned.',
  args: {
    protocol: z.enum(fieldProtocols).describe('The field bus: LON, BACnet or Modbus.'),
    count: z.number().int().min(1).max(MAX_FIELD_DEVICES).optional().describe('How many to add, named lon-001, bacnet-001, …'),
    names: fieldDeviceNames.optional().describe('The names of the field devices to add.'),
  },
  what: (a) => `add ${a.count ?? a.names?.length ?? 0} ${a.protocol} field device(s)`,
  run: (server, a) => server.fieldDevices.add(a.names ? { protocol: a.protocol, names: a.names } : { protocol: a.protocol, count: a.count }),
});
