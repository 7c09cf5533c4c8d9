import type { Failure, Result } from '../../protocol/result.ts';
import type { ManagedUsage } from '../../protocol/messages/audio.ts';
import type { Appliance, ApplianceState } from '../shared/Appliance.ts';

/**
 * A managed audio device (PC-7, the cloud device-management licensing guide): a conference
 * phone or speaker that enrols with the cloud device-management service, which then manages it.
 * The device holds no license itself; the account's Managed Device licenses bound how many such
 * devices the service takes, so an enrolment past the bound is refused (MANAGED_DEVICE_LIMIT).
 * Every operation returns NOT_RUNNING while the device is off or booting.
 */
export const AUDIO_FAMILY = 'audio';

/** Where the device is managed, as it keeps it in NVRAM across reboots. */
export interface AudioEnrollment {
  readonly accountId: string;
  /** When the service took the device. */
  readonly since: number;
}

export interface AudioState extends ApplianceState {
  readonly family: typeof AUDIO_FAMILY;
  readonly hardwareId: string;
  /** The account managing the device; null when not enrolled (or not running). */
  readonly enrollment: AudioEnrollment | null;
  /** Why the last enrolment, unenrolment or heartbeat failed; cleared by the next success. */
  readonly lastError: Failure | null;
  readonly lastHeartbeatAt: number | null;
  /** Why the settings in NVRAM could not be read at the last boot (the device then runs blank). */
  readonly nvramProblem: string | null;
}

export interface EnrollRequest {
  accountId: string;
  /** The account's provisioning token, as an installer enters it on the device. */
  provisioningToken: string;
}

export interface AudioDevice extends Appliance<AudioState> {
  /** [PC-7] Enrols with the device-management service; refused beyond the account's bound. */
  enroll(request: EnrollRequest): Promise<Result<{ accountId: string; usage: ManagedUsage }>>;
  /** Leaves the account, freeing its place under the bound. */
  unenroll(): Promise<Result<{ accountId: string }>>;
  /** Sends a heartbeat now (the device also sends one every heartbeat interval while enrolled). */
  heartbeat(): Promise<Result<{ enrolled: boolean }>>;
}
