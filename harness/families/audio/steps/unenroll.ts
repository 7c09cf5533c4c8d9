import { deviceStep } from '../../../steps/deviceStep.ts';
import { audioDevices } from '../audioDevices.ts';

/** `- audio.unenroll: { devices: audio-001 }` — [PC-7] the device leaves its account, freeing its place. */
export const unenroll = deviceStep({
  family: audioDevices,
  // In turn, so which device meets the account's Managed Device bound first is the order written.
  inTurn: true,
  kind: 'audio.unenroll',
  summary: 'Unenrol audio devices from the device-management service, freeing their places under the bound.',
  args: {},
  what: () => 'unenrol',
  run: (device) => device.unenroll(),
});
