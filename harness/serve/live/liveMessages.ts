import type { PacedClockState } from '../../../emulator/clock/pacedClock.ts';
import type { ApplianceState } from '../../../firmware-sim/shared/Appliance.ts';

/**
 * What `GET /api/v1/live` sends, one JSON text frame each. Every message carries `seq`: the
 * sequence number the client is at once it has applied it. Changes and clock moves get
 * consecutive numbers; a snapshot or a resume repeats the number of the last change it covers.
 */
export type LiveMessage = SnapshotMessage | ResumeMessage | ChangeMessage | RemovedMessage | ClockMessage | LiveErrorMessage;

export interface SnapshotMessage {
  readonly type: 'snapshot';
  readonly seq: number;
  /** Names this run of the service; pass it back with `since` so a resume never crosses a restart. */
  readonly stream: string;
  readonly devices: readonly ApplianceState[];
  readonly clock: PacedClockState;
  /** Why a snapshot was sent instead of the changes asked for with `since`. */
  readonly reason?: string;
}

/** The answer to `?since=N` that can be honoured: the changes after N follow, then live ones. */
export interface ResumeMessage {
  readonly type: 'resume';
  readonly seq: number;
  readonly stream: string;
  readonly since: number;
  /** How many kept changes follow before the live ones. */
  readonly replayed: number;
}

export interface ChangeMessage {
  readonly type: 'change';
  readonly seq: number;
  readonly device: ApplianceState;
}

/** A device left the fleet (the world dropped or replaced it). */
export interface RemovedMessage {
  readonly type: 'removed';
  readonly seq: number;
  readonly deviceId: string;
}

export interface ClockMessage {
  readonly type: 'clock';
  readonly seq: number;
  readonly clock: PacedClockState;
}

/** Bad client input; the socket stays open unless the close reason says otherwise. */
export interface LiveErrorMessage {
  readonly type: 'error';
  readonly code: string;
  readonly message: string;
}

/** A message that takes a sequence number and is kept for resuming. */
export type SequencedMessage = ChangeMessage | RemovedMessage | ClockMessage;
