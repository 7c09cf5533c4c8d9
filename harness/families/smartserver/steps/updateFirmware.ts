import { deviceStep } from '../../../steps/deviceStep.ts';
import { smartserverDevices } from '../smartserverDevices.ts';
import { version } from './firmwareVersionArg.ts';

/** `- smartserver.updateFirmware: { devices: ss-001, version: '4.1' }` — needs an active maintenance license from 3.3 on. */
export const updateFirmware = deviceStep({
  family: smartserverDevices,
  kind: 'smartserver.updateFirmware',
  summary: 'Update the firmware and reboot into it; from 3.3 on this needs an active maintenance license (MAINTENANCE_REQUIRED).',
  args: { version },
  what: (a) => `update firmware to ${a.version}`,
  run: (server, a) => server.updateFirmware(a.version),
});
