import type { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import type { TimeDriver } from '../runner/World.ts';
import type { FleetSync } from './fleetSync.ts';

interface Instant {
  /** This shard's next timer, null for none. */
  readonly next: number | null;
  /** Whether this shard's part of an `advanceUntil` condition holds. */
  readonly done?: boolean;
}

/**
 * Virtual time for one shard of a split fleet. Each shard runs its own timers, but none passes
 * an instant before every shard has finished everything due before it: at each step the shards
 * meet, quiet, with their next deadlines, and all jump to the earliest — the next event
 * anywhere in the fleet. A shard with nothing due there just moves its clock.
 */
export function splitTime(clock: VirtualClock, sync: FleetSync): TimeDriver {
  const here = (done?: boolean): Instant => ({ next: clock.nextDeadline() ?? null, ...(done === undefined ? {} : { done }) });
  return {
    async advance(ms) {
      const target = clock.now() + Math.max(0, ms);
      for (;;) {
        await clock.quiesce();
        const next = earliest(await sync.meet(here()));
        if (next === undefined || next > target) break;
        await clock.advanceTo(next);
      }
      await clock.advanceTo(target);
    },
    async advanceUntil(done, limitMs) {
      const limit = clock.now() + limitMs;
      for (;;) {
        await clock.quiesce();
        const all = await sync.meet(here(done()));
        if (all.every((instant) => instant.done === true)) return true;
        const next = earliest(all);
        if (next === undefined || next > limit) {
          await clock.advanceTo(limit);
          return done();
        }
        await clock.advanceTo(next);
      }
    },
    quiesce: () => clock.quiesce(),
  };
}

function earliest(all: readonly Instant[]): number | undefined {
  let min: number | undefined;
  for (const { next } of all) if (next !== null && (min === undefined || next < min)) min = next;
  return min;
}
