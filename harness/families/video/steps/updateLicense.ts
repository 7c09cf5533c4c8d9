import { deviceStep } from '../../../steps/deviceStep.ts';
import { videoDevices } from '../videoDevices.ts';

/**
 * `- video.updateLicense: { devices: cl-001 }` — [CL-3] selects Update License: the product
 * connects to the portal with its access token. Last connection status shows the outcome; a
 * refused connection fails the step unless `expectError` names its code.
 */
export const updateLicense = deviceStep({
  family: videoDevices,
  kind: 'video.updateLicense',
  summary: 'Select Update License: connect to the portal with the access token and install what it answers.',
  args: {},
  what: () => 'Update License',
  run: (product, _a, world, device) => product.licenses.updateLicense().then((result) => {
    world.record('log', `Update License: ${product.snapshot().lastConnectionStatus ?? 'not connected'}`, device.id);
    return result;
  }),
});
