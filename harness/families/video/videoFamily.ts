import { createVideoPlatform } from '../../../firmware-sim/video/createVideoPlatform.ts';
import { videoConsole } from '../../../firmware-sim/video/videoConsole.ts';
import { videoVariants, type VideoVariant } from '../../../protocol/messages/video.ts';
import type { FamilyModule } from '../FamilyModule.ts';
import { videoDevices } from './videoDevices.ts';
import { videoProbes } from './videoProbes.ts';
import { calls } from './steps/calls.ts';
import { configure } from './steps/configure.ts';
import { installResponse } from './steps/installResponse.ts';
import { portalAddRestrictive } from './steps/portalAddRestrictive.ts';
import { portalAddStandard } from './steps/portalAddStandard.ts';
import { portalAssign } from './steps/portalAssign.ts';
import { portalCreateToken } from './steps/portalCreateToken.ts';
import { portalExpect } from './steps/portalExpect.ts';
import { portalProcess } from './steps/portalProcess.ts';
import { portalRevokeToken } from './steps/portalRevokeToken.ts';
import { requestCode } from './steps/requestCode.ts';
import { updateLicense } from './steps/updateLicense.ts';

/**
 * The video platform family (CL-1 … CL-8): Clariti Core (`variant: core`, the default) and
 * Clariti Manager (`variant: manager`) products, their `video.` steps, and the video portal's
 * `video.portal.` steps, as a person at Manage > Licensing > Clariti would act.
 */
export const videoFamily: FamilyModule = {
  family: videoDevices.family,
  prefix: 'cl',
  variants: videoVariants,
  create: ({ board, vendorPublicKey, variant }) =>
    createVideoPlatform({ board, vendorPublicKey, variant: variant as VideoVariant | undefined }),
  steps: [
    configure, updateLicense, requestCode, installResponse, calls,
    portalCreateToken, portalRevokeToken, portalAddStandard, portalAddRestrictive, portalAssign, portalProcess, portalExpect,
  ],
  probes: videoProbes,
  console: (appliance) => videoConsole(videoDevices.narrow(appliance)),
};
