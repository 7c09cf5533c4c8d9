import { z } from 'zod';
import type { AudioDevice, AudioState } from '../../firmware-sim/audio/AudioDevice.ts';
import { familyActions, type DevicePageFamily } from './devicePageFamily.ts';

/** The same bounds the enrol op puts on the wire (protocol/messages/audio.ts), so a page's typo is named here. */
const enrollBody = z.object({
  accountId: z.string().min(1).max(128),
  provisioningToken: z.string().min(1).max(128),
}).strict();

const action = familyActions<AudioDevice>();

/**
 * [PC-7] The managed audio device's enrolment page over the device API: where the device is
 * managed (which account, since when), its last heartbeat and last refusal in the service's
 * words, and the installer's actions — each a call of the device's own API, as the `audio.*`
 * scenario steps and the serial console make them.
 */
export const audioDevicePage: DevicePageFamily = {
  view(appliance) {
    const state = appliance.snapshot() as AudioState;
    return {
      managed: state.enrollment !== null,
      enrollment: state.enrollment,
      lastHeartbeatAt: state.lastHeartbeatAt,
      lastError: state.lastError === null ? null : { error: state.lastError.code, message: state.lastError.message, where: state.lastError.where },
    };
  },
  actions: {
    // The typed values go to the device as typed: the service, not the page, decides what they are worth.
    'enroll': action(enrollBody, (audio, b) => audio.enroll(b)),
    'unenroll': action(z.object({}).strict(), (audio) => audio.unenroll()),
    'heartbeat': action(z.object({}).strict(), (audio) => audio.heartbeat()),
  },
};
