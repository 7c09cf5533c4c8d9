import { AUDIO_FAMILY, type AudioDevice } from '../../../firmware-sim/audio/AudioDevice.ts';
import { applianceFamily } from '../../steps/selectFamily.ts';

/** Managed audio devices as the `audio.` steps select and drive them. */
export const audioDevices = applianceFamily<AudioDevice>({ family: AUDIO_FAMILY, called: 'an audio device' });
