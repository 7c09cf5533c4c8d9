import type { Result } from '../../protocol/result.ts';
import type { FirmwareCore } from '../shared/FirmwareCore.ts';
import type { AudioImage } from './audioImage.ts';

export type Enrollment = NonNullable<AudioImage['enrollment']>;

/**
 * What the audio device's service calls (enrol, unenrol, heartbeat) share: the board, the
 * settings in NVRAM, the portal client, the enrolment the running firmware acts on and the
 * ways to tell it of a change. Built by createAudioDevice; audioService.ts is a small module
 * over it.
 */
export interface AudioCore extends FirmwareCore<AudioImage> {
  enrollment(): Enrollment | null;
  /** Puts an enrolment into effect (already committed to NVRAM). */
  enrolled(enrollment: Enrollment): void;
  unenrolled(): void;
  /** Records the outcome of a service call: a failure becomes lastError, a success clears it. */
  outcome<T>(result: Result<T>): Result<T>;
  heartbeatAnswered(): void;
}
