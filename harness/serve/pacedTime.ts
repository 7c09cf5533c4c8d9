import type { Clock } from '../../emulator/clock/Clock.ts';
import { sleep } from '../../emulator/clock/Clock.ts';
import type { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import type { TimeDriver } from '../runner/World.ts';

/** How often, in wall ms, a waiting step looks at its condition between moves of the clock. */
const POLL_MS = 20;

/** Time for steps on a service, and whether a step is waiting on it now. */
export interface PacedTimeDriver extends TimeDriver {
  /** A step waits for virtual time to pass: only the clock (its speed, or a jump) moves it on. */
  waiting(): boolean;
}

/**
 * Time for steps run on a service (demo mode): a step never moves the clock itself, it waits
 * while the service's paced clock moves it (at its speed, or by a jump to the next deadline).
 * `advance: 8h` is a virtual timer 8 h ahead; `wait … within` looks at its condition every
 * POLL_MS of wall time and once more when its limit (a virtual timer) comes. Polling adds no
 * virtual timer, so "next deadline" jumps to what the devices wait for, not to a poll.
 */
export function pacedTime(virtual: VirtualClock, wall: Clock): PacedTimeDriver {
  let waits = 0;
  const waiting = <T>(wait: Promise<T>): Promise<T> => {
    waits += 1;
    return wait.finally(() => {
      waits -= 1;
    });
  };
  return {
    waiting: () => waits > 0,
    advance: (ms) => waiting(sleep(virtual, ms)),
    async advanceUntil(done, limitMs) {
      await virtual.quiesce();
      if (done()) return true;
      return waiting(new Promise<boolean>((resolve) => {
        let poll = wall.setTimeout(look, POLL_MS);
        const limit = virtual.setTimeout(() => finish(done()), limitMs);
        function finish(held: boolean): void {
          wall.clearTimeout(poll);
          virtual.clearTimeout(limit);
          resolve(held);
        }
        function look(): void {
          if (done()) finish(true);
          else poll = wall.setTimeout(look, POLL_MS);
        }
      }));
    },
    quiesce: () => virtual.quiesce(),
  };
}
