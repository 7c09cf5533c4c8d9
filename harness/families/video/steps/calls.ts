import { z } from 'zod';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { videoDevices } from '../videoDevices.ts';

/**
 * `- video.calls: { devices: cl-001, count: 8 }` — sets how many calls run at once; refused with
 * LICENSE_LIMIT beyond the CLARITI-PORTS entitlement in effect, which shows that installed
 * entitlement values take effect (CL-7).
 */
export const calls = deviceStep({
  family: videoDevices,
  kind: 'video.calls',
  summary: 'Set the number of concurrent calls; refused beyond the CLARITI-PORTS entitlement.',
  args: { count: z.number().int().min(0).describe('How many calls are in progress.') },
  what: (a) => `run ${a.count} calls at once`,
  run: (product, a) => product.conferencing.setActiveCalls(a.count),
});
