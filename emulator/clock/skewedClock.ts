import type { Clock } from './Clock.ts';

/**
 * A board's own clock: the one clock of the run plus an offset that a fault can change, as
 * when someone sets a device's clock back (TM-1). Readings move by the offset; timers are
 * durations, so they run on the shared clock unchanged, and virtual time stays one timeline.
 */
export interface SkewedClock extends Clock {
  /** Moves this clock's readings by `byMs` (negative: back); the offsets add up. */
  skew(byMs: number): void;
  /** How far this clock reads from the shared one, in ms. */
  offset(): number;
}

export function createSkewedClock(base: Clock): SkewedClock {
  let offset = 0;
  return {
    now: () => base.now() + offset,
    setTimeout: (fn, delayMs) => base.setTimeout(fn, delayMs),
    clearTimeout: (id) => base.clearTimeout(id),
    track: (work) => base.track(work),
    hold: (options) => base.hold(options),
    deliver: (order, fn) => base.deliver(order, fn),
    skew(byMs) {
      if (!Number.isFinite(byMs)) throw new RangeError(`skew: byMs must be a finite number of ms, got ${byMs}`);
      offset += byMs;
    },
    offset: () => offset,
  };
}
