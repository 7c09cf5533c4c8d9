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
   * Marks work in flight outside the clock (a store query, a socket round trip) so a virtual
   * clock does not jump past it. The wall clock just passes the promise through.
   */
  track<T>(work: Promise<T>): Promise<T>;
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
