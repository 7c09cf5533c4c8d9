import { keepWindow } from '../videoVars.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { videoDevices } from '../videoDevices.ts';

/**
 * `- video.requestCode: { devices: cl-001 }` — [CL-4, CL-5] Update Configuration, then License
 * Product: the window (the Request Code; in restrictive mode also Name, Type, Version, Serial
 * and Host name) is copied for the portal steps that follow.
 */
export const requestCode = deviceStep({
  family: videoDevices,
  kind: 'video.requestCode',
  summary: 'Select License Product and copy the window (Request Code, and in restrictive mode the product fields) for the portal.',
  args: {},
  what: () => 'License Product',
  run: (product, _a, world, device) => {
    const window = product.licenses.licenseProduct();
    if (window.ok) {
      keepWindow(world, device.id, window.value);
      world.record('log', `License Product (${window.value.mode}): request code ${window.value.requestCode}`, device.id);
    }
    return window;
  },
});
