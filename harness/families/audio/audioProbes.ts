import type { AudioDevice } from '../../../firmware-sim/audio/AudioDevice.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';

/** What `expect` and `wait` can check on a managed audio device (PC-7). */
const audio = (a: Appliance): AudioDevice => a as AudioDevice;

export const audioProbes: Record<string, (a: Appliance) => unknown> = {
  state: (a) => a.snapshot().state,
  /** Managed by the device-management service (as far as the device knows). */
  enrolled: (a) => audio(a).snapshot().enrollment !== null,
  /** The account managing the device, or null. */
  account: (a) => audio(a).snapshot().enrollment?.accountId ?? null,
  /** The code of the last failed enrolment, unenrolment or heartbeat (e.g. MANAGED_DEVICE_LIMIT), or null. */
  lastError: (a) => audio(a).snapshot().lastError?.code ?? null,
};
