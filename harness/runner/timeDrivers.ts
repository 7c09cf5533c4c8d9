import type { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { sleep, type Clock } from '../../emulator/clock/Clock.ts';
import { settle } from '../../emulator/clock/settle.ts';
import type { TimeDriver } from './World.ts';

export function virtualTime(clock: VirtualClock): TimeDriver {
  return {
    advance: (ms) => clock.advance(ms),
    advanceUntil: (done, limitMs) => clock.advanceUntil(done, limitMs),
    quiesce: () => clock.quiesce(),
  };
}

/** `--realtime`: time passes on the wall clock, for demos and external firmware. */
export function realTime(clock: Clock, pollMs = 50): TimeDriver {
  return {
    advance: (ms) => sleep(clock, ms),
    async advanceUntil(done, limitMs) {
      const limit = clock.now() + limitMs;
      while (!done()) {
        if (clock.now() >= limit) return false;
        await sleep(clock, Math.min(pollMs, limit - clock.now()));
      }
      return true;
    },
    quiesce: () => settle(),
  };
}
