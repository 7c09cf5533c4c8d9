import type { Clock, TimerId } from './Clock.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** What `GET /api/v1/clock` shows: where virtual time is and how it moves. */
export interface PacedClockState {
  /** Virtual epoch milliseconds. */
  readonly now: number;
  readonly running: boolean;
  /** Virtual milliseconds per wall millisecond while running. */
  readonly speed: number;
  /** The earliest virtual deadline set on the clock, if any. */
  readonly nextDeadline: number | null;
}

/**
 * Drives a virtual clock from the wall clock for a long-running service: while running,
 * virtual time follows `speed` × wall time, and it can be paused, sped up, or jumped ahead by a
 * duration or to the next deadline. All moves go through one queue, so a jump and a tick never
 * interleave; every timer due on the way fires in deadline order, as in a scenario run.
 */
export interface PacedClock {
  state(): PacedClockState;
  pause(): Promise<PacedClockState>;
  resume(): Promise<PacedClockState>;
  setSpeed(speed: number): Promise<PacedClockState>;
  /** Jumps `ms` of virtual time ahead now, running every timer due meanwhile. */
  advance(ms: number): Promise<PacedClockState>;
  /** Jumps to the earliest deadline set, if any; where it is otherwise. */
  advanceToNextDeadline(): Promise<PacedClockState>;
  /** Stops following the wall clock for good; resolves when the last move is done. */
  close(): Promise<void>;
}

export interface PacedClockOptions {
  clock: VirtualClock;
  /** The wall clock it follows (a VirtualClock in tests). */
  wall: Clock;
  /** 1 is real time; defaults to 1. */
  speed?: number;
  /** Starts paused when false; running by default. */
  running?: boolean;
  /** The longest wall interval between two moves, so `now()` never lags far behind; 100 ms by default. */
  tickMs?: number;
}

/** Speeds are bounded so a typo cannot make one tick run a century of timers. */
export const MAX_SPEED = 1_000_000;

export function createPacedClock(options: PacedClockOptions): PacedClock {
  const { clock, wall } = options;
  const tickMs = options.tickMs ?? 100;
  let speed = checkedSpeed(options.speed ?? 1);
  let running = options.running ?? true;
  let closed = false;
  // Virtual time at the anchor, and the wall time it was taken at.
  let anchor = { virtual: clock.now(), wall: wall.now() };
  let timer: TimerId | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const state = (): PacedClockState => ({ now: clock.now(), running, speed, nextDeadline: clock.nextDeadline() ?? null });

  /** Runs one move after the moves before it; a failed move does not stop the next. */
  function enqueue<T>(move: () => Promise<T>): Promise<T> {
    const next = queue.then(move);
    queue = next.catch(() => undefined);
    return next;
  }

  function reanchor(): void {
    anchor = { virtual: clock.now(), wall: wall.now() };
  }

  function schedule(): void {
    if (timer !== undefined) wall.clearTimeout(timer);
    timer = undefined;
    if (!running || closed) return;
    const deadline = clock.nextDeadline();
    const untilDeadline = deadline === undefined ? tickMs : Math.max(0, (deadline - clock.now()) / speed);
    timer = wall.setTimeout(() => {
      timer = undefined;
      void enqueue(follow).finally(schedule);
    }, Math.min(tickMs, untilDeadline));
  }

  /** Catches virtual time up with the wall clock. */
  async function follow(): Promise<void> {
    if (!running || closed) return;
    const target = anchor.virtual + (wall.now() - anchor.wall) * speed;
    if (target > clock.now()) await clock.advanceTo(Math.floor(target));
  }

  /** Stops following, does `change`, then follows again from where the clock is. */
  function whileHeld(change: () => Promise<void> | void): Promise<PacedClockState> {
    return enqueue(async () => {
      await follow();
      await change();
      reanchor();
      schedule();
      return state();
    });
  }

  schedule();

  return {
    state,
    pause: () => whileHeld(() => {
      running = false;
    }),
    resume: () => whileHeld(() => {
      running = true;
    }),
    async setSpeed(next) {
      const checked = checkedSpeed(next);
      return whileHeld(() => {
        speed = checked;
      });
    },
    advance: (ms) => whileHeld(() => clock.advance(Math.max(0, ms))),
    advanceToNextDeadline: () => whileHeld(async () => {
      const deadline = clock.nextDeadline();
      if (deadline !== undefined) await clock.advanceTo(deadline);
    }),
    async close() {
      closed = true;
      if (timer !== undefined) wall.clearTimeout(timer);
      timer = undefined;
      await queue;
    },
  };
}

function checkedSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0 || speed > MAX_SPEED) {
    throw new RangeError(`speed: expected a number above 0 and at most ${MAX_SPEED}, got ${speed}`);
  }
  return speed;
}
