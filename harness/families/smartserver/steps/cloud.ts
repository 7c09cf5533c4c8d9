import { z } from 'zod';
import { deviceOp } from '../../../steps/deviceOp.ts';
import { smartserverDevices } from '../smartserverDevices.ts';

/** `- ss.download: { devices: ss-* }` — [SS-4] Download Licenses from the Cloud for the saved Customer ID. */
export const download = deviceOp({
  family: smartserverDevices,
  kind: 'ss.download',
  summary: 'Download Licenses from the Cloud: the licenses held for the saved Customer ID that this server may activate (check with `downloadList`).',
  args: {},
  what: () => 'download licenses from the cloud',
  run: (server) => server.cloud.download(),
});

/**
 * `- ss.transfer: { devices: ss-*, confirm: true }` — [SS-6] Transfer to Cloud. Without the
 * confirmation it is refused CONFIRMATION_REQUIRED; with nothing to transfer,
 * NOTHING_TO_TRANSFER; during an activation, ACTIVATION_IN_PROGRESS.
 */
export const transfer = deviceOp({
  family: smartserverDevices,
  kind: 'ss.transfer',
  summary: 'Transfer to Cloud: with `confirm: true` every capacity and maintenance license returns to the cloud and every field device turns unlicensed.',
  args: { confirm: z.boolean() },
  what: (a) => `transfer licenses to the cloud${a.confirm ? '' : ' (not confirmed)'}`,
  run: (server, a) => server.cloud.transferToCloud({ confirm: a.confirm }),
});

const version = z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'expected a firmware version such as 3.2 or 4.0');

/** `- ss.updateFirmware: { devices: ss-001, version: '4.1' }` — needs an active maintenance license from 3.3 on. */
export const updateFirmware = deviceOp({
  family: smartserverDevices,
  kind: 'ss.updateFirmware',
  summary: 'Update the firmware and reboot into it; from 3.3 on this needs an active maintenance license (MAINTENANCE_REQUIRED).',
  args: { version },
  what: (a) => `update firmware to ${a.version}`,
  run: (server, a) => server.updateFirmware(a.version),
});

/** `- ss.flash: { devices: ss-001, version: '3.2' }` — [SS-1] USB recovery re-image, e.g. to put old firmware on a board. */
export const flash = deviceOp({
  family: smartserverDevices,
  kind: 'ss.flash',
  summary: 'Re-image the firmware over USB recovery (any version, no maintenance needed, settings kept) and reboot into it.',
  args: { version },
  what: (a) => `recovery-flash firmware ${a.version}`,
  run: (server, a) => server.recoveryFlash(a.version),
});
