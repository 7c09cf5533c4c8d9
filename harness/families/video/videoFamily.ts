import { createVideoPlatform } from '../../../firmware-sim/video/createVideoPlatform.ts';
import { videoConsole } from '../../../firmware-sim/video/videoConsole.ts';
import { videoVariants, type VideoVariant } from '../../../protocol/messages/video.ts';
import type { FamilyModule } from '../FamilyModule.ts';
import { videoDevices } from './videoDevices.ts';
import { videoProbes } from './videoProbes.ts';
import { calls } from './steps/calls.ts';
import { configure } from './steps/configure.ts';
import { installResponse } from './steps/installResponse.ts';
import { requestCode } from './steps/requestCode.ts';
import { updateLicense } from './steps/updateLicense.ts';
import { videoPortalSteps } from './steps/videoPortalSteps.ts';

/**
 * The video platform family (CL-1 … CL-8, docs/behaviours.md): Clariti Core (`variant: core`, the
 * default) and Clariti Manager (`variant: manager`) products, their `cl.` steps, and the video
 * portal's `clPortal.` steps.
 */
export const videoFamily: FamilyModule = {
  family: videoDevices.family,
  prefix: 'cl',
  variants: videoVariants,
  create: ({ board, world, variant }) =>
    createVideoPlatform({ board, vendorPublicKey: world.server.vendorPublicKey, variant: variant as VideoVariant | undefined }),
  steps: [configure, updateLicense, requestCode, installResponse, calls, ...videoPortalSteps],
  probes: videoProbes,
  console: (appliance) => videoConsole(videoDevices.narrow(appliance)),
};
