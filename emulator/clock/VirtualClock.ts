import type { Clock, Hold, HoldOptions, TimerId } from './Clock.ts';
import { ClockHaltedError, type ClockHalt } from './ClockHalt.ts';
import { settle } from './settle.ts';
import { WallClock, wallNow } from './wallClock.ts';

interface Timer {
  id: TimerId;
  due: number;
  seq: number;
  fn: () => void;
}

interface OpenHold {
  readonly what: () => string;
  readonly limitMs: number | undefined;
  /** Wall-clock start, for holds with a limit. */
  readonly since: number;
}

interface Delivery {
  readonly order: number;
  readonly seq: number;
  readonly fn: () => void;
}

export interface VirtualClockOptions {
  /** Epoch milliseconds the clock starts at; fixed by default so traces are reproducible. */
  start?: number;
}

/** 2026-01-01T00:00:00Z: the default start of virtual time. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1);

const RELEASED: Hold = { release: () => {} };

/**
 * Virtual time. Timers run in deadline order (ties in the order they were set); `advance` jumps
 * from deadline to deadline once the world is quiet — promise chains settled, tracked work and
 * holds finished, waiting deliveries run in order — so an 8-hour timer passes in microseconds
 * and the order of events never depends on the host.
 *
 * The clock waits for work in this process however long it takes, and never reads the wall
 * clock for it. Only a hold with a `limitMs` (I/O on a real socket) is timed: one that overruns
 * halts the clock — every later `advance*` and `quiesce` throws ClockHaltedError — rather than
 * jumping past a reply that may still come.
 */
export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #nextId = 1;
  #timers: Timer[] = []; // binary min-heap on (due, seq)
  #live = new Set<TimerId>();
  #cancelled = new Set<TimerId>();
  #inFlight = new Set<Promise<unknown>>();
  #holds = new Map<number, OpenHold>();
  #nextHold = 1;
  #limitedHolds = 0;
  #idleWaiters: (() => void)[] = [];
  #deliveries: Delivery[] = [];
  #deliverySeq = 0;
  #draining: Promise<void> | undefined;
  readonly #wall = new WallClock();
  #watchdog: { id: TimerId; due: number } | undefined;
  #halt: ClockHalt | undefined;
  readonly #halted: Promise<ClockHalt>;
  #onHalt!: (halt: ClockHalt) => void;

  constructor(options: VirtualClockOptions = {}) {
    this.#now = options.start ?? VIRTUAL_EPOCH;
    this.#halted = new Promise((resolve) => (this.#onHalt = resolve));
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
    void entry.then(() => {
      this.#inFlight.delete(entry);
      this.#wakeIfIdle();
    });
    return work;
  }

  hold(options: HoldOptions): Hold {
    if (this.#halt !== undefined) return RELEASED;
    const id = this.#nextHold++;
    const { what, limitMs } = options;
    this.#holds.set(id, { what, limitMs, since: limitMs === undefined ? 0 : wallNow() });
    if (limitMs !== undefined) {
      this.#limitedHolds++;
      this.#armWatchdog(wallNow() + limitMs);
    }
    return { release: () => this.#release(id) };
  }

  deliver(order: number, fn: () => void): void {
    if (this.#halt !== undefined) return;
    this.#deliveries.push({ order, seq: this.#deliverySeq++, fn });
    // Deliveries run by themselves once the world is quiet: a step awaiting a reply calls no
    // advance, and must still get it.
    void this.#drain();
  }

  /** Number of timers still set. */
  pendingTimers(): number {
    return this.#live.size;
  }

  /** Holds not yet released. */
  openHolds(): number {
    return this.#holds.size;
  }

  /** Why the clock halted, if it did. */
  halted(): ClockHalt | undefined {
    return this.#halt;
  }

  /** Resolves when the clock halts; never, in a run whose I/O keeps within its limit. */
  whenHalted(): Promise<ClockHalt> {
    return this.#halted;
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

  /**
   * Lets microtasks, immediate callbacks, tracked work and holds finish and waiting deliveries
   * run, until nothing is left, without moving time.
   */
  async quiesce(): Promise<void> {
    this.#throwIfHalted();
    await this.#drain();
    this.#throwIfHalted();
  }

  // One drain at a time: two would each run a batch on the other's idea of "quiet".
  #drain(): Promise<void> {
    this.#draining ??= this.#drainLoop();
    return this.#draining;
  }

  async #drainLoop(): Promise<void> {
    try {
      for (;;) {
        await this.#idle();
        if (this.#halt !== undefined || this.#deliveries.length === 0) return;
        this.#runDeliveries();
      }
    } finally {
      // Reset before the promise settles, so a delivery queued from here on starts a new drain.
      this.#draining = undefined;
    }
  }

  /** Resolves once nothing is tracked or held and the event loop has settled after that. */
  async #idle(): Promise<void> {
    await settle();
    while (this.#halt === undefined && this.#busy()) {
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
      await settle();
    }
  }

  #runDeliveries(): void {
    const batch = this.#deliveries.splice(0).sort((a, b) => a.order - b.order || a.seq - b.seq);
    for (const delivery of batch) {
      try {
        delivery.fn();
      } catch (error) {
        // A handler's bug: surface it as an uncaught error, as a memory link would, and deliver on.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #busy(): boolean {
    return this.#inFlight.size > 0 || this.#holds.size > 0;
  }

  #wakeIfIdle(): void {
    if (!this.#busy()) this.#wakeIdleWaiters();
  }

  #release(id: number): void {
    const open = this.#holds.get(id);
    if (open === undefined) return;
    this.#holds.delete(id);
    if (open.limitMs !== undefined && --this.#limitedHolds === 0) this.#disarmWatchdog();
    this.#wakeIfIdle();
  }

  #wakeIdleWaiters(): void {
    for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  // One wall timer for all limited holds, set for the earliest deadline.
  #armWatchdog(due: number): void {
    if (this.#watchdog !== undefined && this.#watchdog.due <= due) return;
    this.#disarmWatchdog();
    const id = this.#wall.setTimeout(() => this.#checkHolds(), Math.max(1, due - wallNow()));
    this.#watchdog = { id, due };
  }

  #disarmWatchdog(): void {
    if (this.#watchdog !== undefined) this.#wall.clearTimeout(this.#watchdog.id);
    this.#watchdog = undefined;
  }

  #checkHolds(): void {
    this.#watchdog = undefined;
    const now = wallNow();
    let overdue: OpenHold | undefined;
    let next = Infinity;
    for (const open of this.#holds.values()) {
      if (open.limitMs === undefined) continue;
      const due = open.since + open.limitMs;
      if (due > now) next = Math.min(next, due);
      else overdue ??= open;
    }
    if (overdue !== undefined) this.#haltOn(overdue, now);
    else if (next < Infinity) this.#armWatchdog(next);
  }

  #haltOn(overdue: OpenHold, now: number): void {
    const what = overdue.what();
    const waitedMs = Math.round(now - overdue.since);
    const limitMs = overdue.limitMs!;
    const others = this.#holds.size - 1;
    const besides = others === 0 ? '' : ` (${others} more still in flight)`;
    const message = `${what} was in flight for ${waitedMs} ms of wall time${besides}, past the I/O limit of ${limitMs} ms`;
    this.#halt = { code: 'IO_TIMEOUT', message, what, waitedMs, limitMs };
    // Nothing is waited for any more: every wait in progress ends, and says why.
    this.#holds.clear();
    this.#limitedHolds = 0;
    this.#deliveries = [];
    this.#wakeIdleWaiters();
    this.#onHalt(this.#halt);
  }

  #throwIfHalted(): void {
    if (this.#halt !== undefined) throw new ClockHaltedError(this.#halt);
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
