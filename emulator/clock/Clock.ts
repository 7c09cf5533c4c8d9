/**
 * The one source of time in fleetrig. Everything that waits or stamps — device machines, the
 * license server's expiry rules, broker keepalives, serial timeouts, log lines — takes a Clock.
 * Its shape matches XState's `clock` option, so `createActor(machine, { clock })` accepts it.
 */
export type TimerId = number;

export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock. */
  now(): number;
  setTimeout(fn: () => void, delayMs: number): TimerId;
  clearTimeout(id: TimerId): void;
  /**
   * Marks work in flight outside the clock (a store query) so a virtual clock does not jump
   * past it. The work must finish by itself. The wall clock just passes the promise through.
   */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Marks one unit of I/O in flight that no promise stands for, such as a frame on its way
   * through a broker: a virtual clock does not move until it is released. The wall clock
   * ignores it.
   */
  hold(options: HoldOptions): Hold;
  /**
   * Runs `fn` later — never inside this call — once nothing else is in flight, with every
   * other delivery then waiting, in `order` (ties in the order queued): frames that crossed a
   * socket take effect in an order that does not depend on the network. The wall clock runs it
   * on the next microtask.
   */
  deliver(order: number, fn: () => void): void;
}

export interface HoldOptions {
  /** What is in flight, for the failure if it overruns: `gateway.download #a1b2 from gw-001`. Asked only then. */
  readonly what: () => string;
  /**
   * Wall-clock milliseconds the work may take: for I/O on a real socket, where a frame can be
   * lost without this process knowing. None for work in this process, which always ends.
   */
  readonly limitMs?: number;
}

export interface Hold {
  /** The work arrived, or was dropped; releasing twice does nothing. */
  release(): void;
}

/** Resolves after `ms` on the given clock. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/** Runs `fn` every `ms` until the returned function is called. */
export function every(clock: Clock, ms: number, fn: () => void): () => void {
  let id: TimerId;
  const tick = (): void => {
    id = clock.setTimeout(tick, ms);
    fn();
  };
  id = clock.setTimeout(tick, ms);
  return () => clock.clearTimeout(id);
}

/** ISO-8601 text of a clock reading, for traces and logs. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
