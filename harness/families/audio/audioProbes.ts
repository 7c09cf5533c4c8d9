import { z } from 'zod';
import type { AudioDevice } from '../../../firmware-sim/audio/AudioDevice.ts';
import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';
import { probe, type Probe } from '../DeviceFamily.ts';
import { stableCode } from '../../scenario/fields.ts';
import { runState } from '../probeValues.ts';

/** What `expect` and `wait` can check on a managed audio device (PC-7). */
const audio = (a: Appliance): AudioDevice => a as AudioDevice;

export const audioProbes: Record<string, Probe> = {
  state: probe('The run state: off, booting or running.', runState, (a) => a.snapshot().state),
  enrolled: probe('[PC-7] Managed by the device-management service, as far as the device knows.', z.boolean(), (a) => audio(a).snapshot().enrollment !== null),
  account: probe('[PC-7] The account managing the device, or null.', z.string().min(1).nullable(), (a) => audio(a).snapshot().enrollment?.accountId ?? null),
  lastError: probe('The code of the last failed enrolment, unenrolment or heartbeat (e.g. MANAGED_DEVICE_LIMIT), or null.', stableCode.nullable(), (a) =>
    audio(a).snapshot().lastError?.code ?? null,
  ),
};
