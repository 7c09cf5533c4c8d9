import type { ClockHalt } from '../../emulator/clock/ClockHalt.ts';

/**
 * `work`'s value, unless the clock halts first: a step awaiting a reply that overran the I/O
 * limit would otherwise wait for ever. The work is then abandoned; its later rejection (its
 * next advance throws ClockHaltedError) is expected and ignored.
 */
export function orHalt<T>(work: Promise<T>, halted: Promise<ClockHalt>): Promise<{ ok: true; value: T } | { ok: false; halt: ClockHalt }> {
  const done = work.then((value) => ({ ok: true as const, value }));
  done.catch(() => {});
  return Promise.race([done, halted.then((halt) => ({ ok: false as const, halt }))]);
}
