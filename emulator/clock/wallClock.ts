import type { Clock, TimerId } from './Clock.ts';

/**
 * Real time, for `--realtime` runs, demos and external firmware. The only module besides the
 * random source allowed to touch the host's clock and timers.
 */
export class WallClock implements Clock {
  #timers = new Map<TimerId, ReturnType<typeof globalThis.setTimeout>>();
  #nextId = 1;

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, delayMs: number): TimerId {
    const id = this.#nextId++;
    const handle = globalThis.setTimeout(() => {
      this.#timers.delete(id);
      fn();
    }, delayMs);
    handle.unref?.();
    this.#timers.set(id, handle);
    return id;
  }

  clearTimeout(id: TimerId): void {
    const handle = this.#timers.get(id);
    if (handle !== undefined) globalThis.clearTimeout(handle);
    this.#timers.delete(id);
  }

  track<T>(work: Promise<T>): Promise<T> {
    return work;
  }
}

/**
 * Wall-clock milliseconds for measuring the rig itself (bench figures, "took 1.2 s" in a
 * report). Never feeds virtual time.
 */
export function wallNow(): number {
  return performance.now();
}

/**
 * Resolves after `ms` of real time without keeping the process alive. The virtual clock uses it
 * to stop waiting for tracked I/O that will never finish (a frame lost on a real socket).
 */
export function wallDelay(ms: number): Promise<void> {
  return new Promise((resolve) => globalThis.setTimeout(resolve, ms).unref?.());
}
