import { z } from 'zod';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { smartserverDevices } from '../smartserverDevices.ts';

/**
 * `- smartserver.transfer: { devices: ss-*, confirm: true }` — [SS-6] Transfer to Cloud. Without the
 * confirmation it is refused CONFIRMATION_REQUIRED; with nothing to transfer,
 * NOTHING_TO_TRANSFER; during an activation, ACTIVATION_IN_PROGRESS.
 */
export const transfer = deviceStep({
  family: smartserverDevices,
  kind: 'smartserver.transfer',
  summary: 'Transfer to Cloud: with `confirm: true` every capacity and maintenance license returns to the cloud and every field device turns unlicensed.',
  args: { confirm: z.boolean().describe('Answer the modal confirmation: true transfers, false cancels.') },
  what: (a) => `transfer licenses to the cloud${a.confirm ? '' : ' (not confirmed)'}`,
  run: (server, a) => server.cloud.transferToCloud({ confirm: a.confirm }),
});
