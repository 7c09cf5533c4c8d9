import type { Clock, TimerId } from '../../emulator/clock/Clock.ts';
import { DAY } from '../../emulator/clock/duration.ts';

// Node's timers cannot wait longer than ~24.8 days, so a year-long term is watched in steps.
const LONGEST_WAIT_MS = DAY;

/**
 * A license starting or ending changes a device's state with no event to tell of it: this
 * timer wakes the firmware at the next such edge (a gateway's timed license, a SmartServer's
 * maintenance term) to publish it.
 */
export interface LicenseEdgeTimer {
  /** Drops the pending wake-up and sets one for the next edge, if there is one. */
  rearm(): void;
}

export function createLicenseEdgeTimer(options: {
  clock: Clock;
  /** When the next license starts or ends after `now`; undefined for none (or when not running). */
  nextEdge: (now: number) => number | undefined;
  /** At the edge, before the timer rearms for the one after it. */
  onEdge: () => void;
}): LicenseEdgeTimer {
  const { clock, nextEdge, onEdge } = options;
  let timer: TimerId | undefined;

  function rearm(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    const now = clock.now();
    const next = nextEdge(now);
    if (next === undefined) return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      onEdge();
      rearm();
    }, Math.min(next - now, LONGEST_WAIT_MS));
  }

  return { rearm };
}
