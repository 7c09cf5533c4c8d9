import { deviceStep } from '../../../steps/deviceStep.ts';
import { smartserverDevices } from '../smartserverDevices.ts';
import { version } from './firmwareVersionArg.ts';

/** `- smartserver.flash: { devices: ss-001, version: '3.2' }` — [SS-1] USB recovery re-image, e.g. to put old firmware on a board. */
export const flash = deviceStep({
  family: smartserverDevices,
  kind: 'smartserver.flash',
  summary: 'Re-image the firmware over USB recovery (any version, no maintenance needed, settings kept) and reboot into it.',
  args: { version },
  what: (a) => `recovery-flash firmware ${a.version}`,
  run: (server, a) => server.recoveryFlash(a.version),
});
