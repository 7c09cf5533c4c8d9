import type { Clock } from '../../emulator/clock/Clock.ts';
import { DeviceErrorCode } from './DeviceErrorCode.ts';

/**
 * [TM-1] Clock-tamper detection, as commercial licensing SDKs do it: the device remembers the
 * latest time its clock has shown — in RAM at every reading, in NVRAM once a license edge has
 * passed and at least weekly while a time-limited license is held — and a clock reading earlier than that
 * (beyond a small tolerance for clock correction) flags the clock as tampered. While flagged,
 * time-limited licenses do not count; perpetual ones are not about time and still do. The flag
 * clears by itself once the clock reaches the remembered time again, so the time set back is
 * time the licenses do not get.
 */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** How stale the saved mark may get while a time-limited license is held: the rollback a reboot can hide. */
export const CHECKPOINT_MS = 7 * 24 * 3_600_000;

/**
 * Whether the latest time seen should be saved now: a license edge (a start or end) passed since
 * the last save — so a rollback behind an expiry is always caught, reboot or not — or the saved
 * mark is a checkpoint interval old. Saving at every wake-up would cost an NVRAM commit per
 * device per day.
 */
export function saveDue(saved: number | undefined, latest: number, edges: readonly (number | null)[]): boolean {
  if (saved === undefined) return true;
  if (latest <= saved) return false;
  return latest - saved >= CHECKPOINT_MS || edges.some((t) => t !== null && t > saved && t <= latest);
}

export interface ClockTamper {
  readonly code: typeof DeviceErrorCode.ClockTampered;
  /** What the device clock reads now. */
  readonly clockAt: number;
  /** The latest time the device has seen; the flag clears once the clock reaches it again. */
  readonly latestSeenAt: number;
}

export interface ClockReading {
  readonly now: number;
  /** Set while the clock reads earlier than the latest time seen. */
  readonly tampered: ClockTamper | null;
}

export interface ClockGuard {
  /** At boot: the latest time saved in NVRAM, if any; what RAM knew is lost, as in a reboot. */
  load(savedLatest: number | undefined): void;
  read(): ClockReading;
  /** The latest time seen: what to save in NVRAM. */
  latestSeen(): number;
  /** When a flagged clock will have caught up, for the firmware to wake and tell; undefined when not flagged. */
  clearsAt(): number | undefined;
}

export function createClockGuard(clock: Clock): ClockGuard {
  let latest = Number.NEGATIVE_INFINITY;
  const read = (): ClockReading => {
    const now = clock.now();
    if (now < latest - CLOCK_TOLERANCE_MS) {
      return { now, tampered: { code: DeviceErrorCode.ClockTampered, clockAt: now, latestSeenAt: latest } };
    }
    latest = Math.max(latest, now);
    return { now, tampered: null };
  };
  return {
    load(savedLatest) {
      latest = savedLatest ?? Number.NEGATIVE_INFINITY;
    },
    read,
    latestSeen: () => Math.max(latest, clock.now()),
    clearsAt() {
      const { tampered } = read();
      return tampered ? tampered.latestSeenAt - CLOCK_TOLERANCE_MS : undefined;
    },
  };
}

/** Whether a license with this end counts at this reading: never past its end, and not at all while the clock is flagged unless it has no end. */
export function countsAt(end: number | null, reading: ClockReading): boolean {
  if (end === null) return true;
  return reading.tampered === null && reading.now < end;
}
