/**
 * Why a virtual clock stopped: I/O it had to wait for overran its wall-clock limit. Jumping
 * ahead would let a device time out on a reply that is merely late, so the run stops instead.
 */
export interface ClockHalt {
  readonly code: 'IO_TIMEOUT';
  /** One line: what was in flight, for how long, and the limit it passed. */
  readonly message: string;
  readonly what: string;
  readonly waitedMs: number;
  readonly limitMs: number;
}

/** Thrown by `advance*` and `quiesce` once the clock has halted; carries the halt as a value. */
export class ClockHaltedError extends Error {
  readonly code = 'IO_TIMEOUT';
  readonly halt: ClockHalt;
  constructor(halt: ClockHalt) {
    super(halt.message);
    this.name = 'ClockHaltedError';
    this.halt = halt;
  }
}
