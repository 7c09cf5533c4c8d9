import { audioOp } from './audioOp.ts';

/** `- audio.unenroll: { devices: audio-001 }` — [PC-7] the device leaves its account, freeing its place. */
export const unenroll = audioOp({
  kind: 'audio.unenroll',
  summary: 'Unenrol audio devices from the device-management service, freeing their places under the bound.',
  args: {},
  what: () => 'unenrol',
  run: (device) => device.unenroll(),
});
