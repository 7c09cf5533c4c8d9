import { deviceStep } from '../../../steps/deviceStep.ts';
import { smartserverDevices } from '../smartserverDevices.ts';

/** `- smartserver.download: { devices: ss-* }` — [SS-4] Download Licenses from the Cloud for the saved Customer ID. */
export const download = deviceStep({
  family: smartserverDevices,
  kind: 'smartserver.download',
  summary: 'Download Licenses from the Cloud: the licenses held for the saved Customer ID that this server may activate (check with `downloadList`).',
  args: {},
  what: () => 'download licenses from the cloud',
  run: (server) => server.cloud.download(),
});
