import type { Clock, Hold, TimerId } from './Clock.ts';

const NO_HOLD: Hold = { release: () => {} };
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Real time, for `--realtime` runs, demos and external firmware. The only module besides the
 * random source allowed to touch the host's clock and timers.
 */
export interface WallClockOptions {
  /**
   * Timers keep the process alive. Off by default: a rig's timers (keepalives, watchdogs) must
   * not hold a finished run open. On for work the process must wait for, such as the next
   * reconnect attempt while every socket is down.
   */
  readonly keepAlive?: boolean;
}

export class WallClock implements Clock {
  #timers = new Map<TimerId, ReturnType<typeof globalThis.setTimeout>>();
  #nextId = 1;
  readonly #keepAlive: boolean;

  constructor(options: WallClockOptions = {}) {
    this.#keepAlive = options.keepAlive ?? false;
  }

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, delayMs: number): TimerId {
    const id = this.#nextId++;
    this.#arm(id, Date.now() + Math.max(0, delayMs), fn);
    return id;
  }

  /**
   * Node fires a timer longer than 2³¹−1 ms (about 24.8 days) at once, so a longer wait — a
   * year-long license term — is made of shorter ones: callers give the real deadline.
   */
  #arm(id: TimerId, due: number, fn: () => void): void {
    const wait = due - Date.now();
    const handle = globalThis.setTimeout(() => {
      if (wait > LONGEST_TIMER_MS) return this.#arm(id, due, fn);
      this.#timers.delete(id);
      fn();
    }, Math.min(Math.max(0, wait), LONGEST_TIMER_MS));
    if (!this.#keepAlive) handle.unref?.();
    this.#timers.set(id, handle);
  }

  clearTimeout(id: TimerId): void {
    const handle = this.#timers.get(id);
    if (handle !== undefined) globalThis.clearTimeout(handle);
    this.#timers.delete(id);
  }

  track<T>(work: Promise<T>): Promise<T> {
    return work;
  }

  // Real time passes whatever is in flight: nothing to hold, nothing to put in order.
  hold(): Hold {
    return NO_HOLD;
  }

  deliver(_order: number, fn: () => void): void {
    queueMicrotask(fn);
  }
}

/**
 * Wall-clock milliseconds for measuring the rig itself (bench figures, "took 1.2 s" in a
 * report, how long a frame has been on a real socket). Never feeds virtual time.
 */
export function wallNow(): number {
  return performance.now();
}

/**
 * The host's calendar time in milliseconds since 1970, for the few reports that say when a run
 * happened (JUnit's `timestamp`). Never feeds virtual time.
 */
export function wallEpochMs(): number {
  return Date.now();
}
