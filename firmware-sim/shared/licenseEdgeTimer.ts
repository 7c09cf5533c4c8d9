import type { Clock, TimerId } from '../../emulator/clock/Clock.ts';

/**
 * A license starting or ending changes a device's state with no event to tell of it: this
 * timer wakes the firmware at the next such edge (a gateway's timed license, a SmartServer's
 * maintenance term) to publish it. One timer at the real deadline, however far (the clocks
 * take waits of any length), so a fleet of devices with year-long terms sleeps until then.
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
    }, next - now);
  }

  return { rearm };
}
