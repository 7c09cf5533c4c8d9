import type { VideoPlatform } from '../../../firmware-sim/video/VideoPlatform.ts';
import { applianceFamily } from '../../steps/selectFamily.ts';

/** Clariti products as the `video.` and `video.portal.` steps select and drive them. */
export const videoDevices = applianceFamily<VideoPlatform>({ family: 'video', called: 'a video product' });
