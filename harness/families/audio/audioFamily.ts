import { audioConsole } from '../../../firmware-sim/audio/audioConsole.ts';
import { createAudioDevice } from '../../../firmware-sim/audio/createAudioDevice.ts';
import type { FamilyModule } from '../FamilyModule.ts';
import { audioDevices } from './audioDevices.ts';
import { audioProbes } from './audioProbes.ts';
import { enroll } from './steps/enroll.ts';
import { portalActivate } from './steps/portalActivate.ts';
import { portalAddUser } from './steps/portalAddUser.ts';
import { portalExpect } from './steps/portalExpect.ts';
import { portalRenew } from './steps/portalRenew.ts';
import { unenroll } from './steps/unenroll.ts';

/**
 * Managed audio devices and the cloud device-management portal they enrol with (PC-1 … PC-8),
 * as the harness builds and drives them.
 */
export const audioFamily: FamilyModule = {
  family: audioDevices.family,
  prefix: 'audio',
  create: ({ board }) => createAudioDevice({ board }),
  steps: [enroll, unenroll, portalAddUser, portalActivate, portalRenew, portalExpect],
  probes: audioProbes,
  console: (appliance) => audioConsole(audioDevices.narrow(appliance)),
};
