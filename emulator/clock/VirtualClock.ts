import type { Clock, TimerId } from './Clock.ts';
import { settle } from './settle.ts';
import { wallDelay } from './wallClock.ts';

interface Timer {
  id: TimerId;
  due: number;
  seq: number;
  fn: () => void;
}

export interface VirtualClockOptions {
  /** Epoch milliseconds the clock starts at; fixed by default so traces are reproducible. */
  start?: number;
  /**
   * Real milliseconds `quiesce` waits for tracked work before giving up on it, so a reply lost
   * on a real socket lets the device's own (virtual) timeout fire instead of hanging the run.
   */
  trackedWorkLimitMs?: number;
}

/** 2026-01-01T00:00:00Z: the default start of virtual time. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1);

/**
 * Virtual time. Timers run in deadline order (ties in the order they were set); `advance` jumps
 * from deadline to deadline, letting promise chains and tracked I/O finish before each jump,
 * so an 8-hour timer passes in microseconds and the order of events never depends on the host.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #nextId = 1;
  #timers: Timer[] = []; // binary min-heap on (due, seq)
  #live = new Set<TimerId>();
  #cancelled = new Set<TimerId>();
  #inFlight = new Set<Promise<unknown>>();
  readonly #trackedWorkLimitMs: number;

  constructor(options: VirtualClockOptions = {}) {
    this.#now = options.start ?? VIRTUAL_EPOCH;
    this.#trackedWorkLimitMs = options.trackedWorkLimitMs ?? 2_000;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, delayMs: number): TimerId {
    const id = this.#nextId++;
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    this.#live.add(id);
    this.#push({ id, due: this.#now + delay, seq: this.#seq++, fn });
    return id;
  }

  clearTimeout(id: TimerId): void {
    if (this.#live.delete(id)) this.#cancelled.add(id);
  }

  track<T>(work: Promise<T>): Promise<T> {
    const entry = work.then(
      () => undefined,
      () => undefined,
    );
    this.#inFlight.add(entry);
    void entry.then(() => this.#inFlight.delete(entry));
    return work;
  }

  /** Number of timers still set. */
  pendingTimers(): number {
    return this.#live.size;
  }

  /** Deadline of the earliest live timer, if any. */
  nextDeadline(): number | undefined {
    this.#dropCancelledHead();
    return this.#timers[0]?.due;
  }

  /** Runs every timer due within `ms` from now, then leaves the clock at now + ms. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + Math.max(0, ms));
  }

  /** Runs every timer due up to `target`, then leaves the clock at `target`. */
  async advanceTo(target: number): Promise<void> {
    await this.quiesce();
    for (;;) {
      const next = this.nextDeadline();
      if (next === undefined || next > target) break;
      // Timers due at the same instant run back to back, then the world settles once: a
      // thousand devices' daily timers cost one settle, not a thousand.
      this.#now = Math.max(this.#now, next);
      while (this.nextDeadline() === next) {
        const timer = this.#pop()!;
        this.#live.delete(timer.id);
        timer.fn();
      }
      await this.quiesce();
    }
    this.#now = Math.max(this.#now, target);
  }

  /**
   * Advances until `done()` holds, jumping timer to timer, or until `limitMs` of virtual time has
   * passed. Returns whether the condition held.
   */
  async advanceUntil(done: () => boolean, limitMs: number): Promise<boolean> {
    const limit = this.#now + limitMs;
    await this.quiesce();
    while (!done()) {
      const next = this.nextDeadline();
      if (next === undefined || next > limit) {
        this.#now = Math.max(this.#now, limit);
        return done();
      }
      await this.advanceTo(next);
    }
    return true;
  }

  /** Lets microtasks, immediate callbacks and tracked work finish, without moving time. */
  async quiesce(): Promise<void> {
    await settle();
    while (this.#inFlight.size > 0) {
      const done = Promise.all([...this.#inFlight]).then(() => true);
      if (!(await Promise.race([done, wallDelay(this.#trackedWorkLimitMs).then(() => false)]))) {
        this.#inFlight.clear();
      }
      await settle();
    }
  }

  #dropCancelledHead(): void {
    while (this.#timers.length > 0 && this.#cancelled.has(this.#timers[0]!.id)) {
      this.#cancelled.delete(this.#pop()!.id);
    }
  }

  #push(timer: Timer): void {
    const heap = this.#timers;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  #pop(): Timer | undefined {
    const heap = this.#timers;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
