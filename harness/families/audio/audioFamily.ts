import { audioConsole } from '../../../firmware-sim/audio/audioConsole.ts';
import { createAudioDevice } from '../../../firmware-sim/audio/createAudioDevice.ts';
import type { FamilyModule } from '../FamilyModule.ts';
import type { StepKind } from '../../steps/StepKind.ts';
import { audioDevices } from './audioDevices.ts';
import { audioProbes } from './audioProbes.ts';
import { enroll } from './steps/enroll.ts';
import { unenroll } from './steps/unenroll.ts';
import { pdmsAddUser } from './steps/pdmsAddUser.ts';
import { pdmsActivate } from './steps/pdmsActivate.ts';
import { pdmsRenew } from './steps/pdmsRenew.ts';
import { expectPdms } from './steps/expectPdms.ts';

/**
 * Managed audio devices and the cloud device-management portal they enrol with (docs/behaviours.md,
 * PC-1 … PC-8), as the harness builds and drives them.
 */
export const audioFamily: FamilyModule = {
  family: audioDevices.family,
  prefix: 'audio',
  create: ({ board }) => createAudioDevice({ board }),
  // The portal steps act on the device-management portal these devices enrol with.
  steps: [enroll, unenroll, ...[pdmsAddUser, pdmsActivate, pdmsRenew, expectPdms] as unknown as StepKind<never>[]],
  probes: audioProbes,
  console: (appliance) => audioConsole(audioDevices.narrow(appliance)),
};
