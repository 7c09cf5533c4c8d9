import type { Result } from '../../protocol/result.ts';
import type { StepFailure, StepOutcome } from './StepKind.ts';

export function expectationFailed(message: string, detail: Omit<StepFailure, 'ok' | 'error'> = {}): StepFailure {
  return { ok: false, error: { code: 'EXPECTATION_FAILED', message }, ...detail };
}

/**
 * Applies an operation step's `expectError`: with one, the operation must fail with that code;
 * without, it must succeed.
 */
export function expectOutcome(result: Result<unknown>, expectError: string | undefined, what: string, device?: string): StepOutcome {
  if (expectError === undefined) return result;
  if (result.ok) return expectationFailed(`${what} succeeded, but it was expected to fail with ${expectError}`, { device, expected: expectError, actual: 'success' });
  if (result.error.code !== expectError) {
    return expectationFailed(`${what} failed with ${result.error.code} (${result.error.message}), expected ${expectError}`, { device, expected: expectError, actual: result.error.code });
  }
  return { ok: true, value: result.error };
}

/** Runs an operation on every device at once; the outcome is the first unexpected one, in device order. */
export async function forEachDevice<D extends { id: string }>(devices: readonly D[], op: (device: D) => Promise<StepOutcome> | StepOutcome): Promise<StepOutcome> {
  const outcomes = await Promise.all(devices.map((d) => op(d)));
  const failed = outcomes.find((o) => !o.ok);
  return failed ?? { ok: true, value: outcomes.length };
}

/**
 * Runs an operation on each device one after another, in device order, stopping at the first
 * unexpected outcome: for operations where which device goes first decides the outcome.
 */
export async function forEachDeviceInTurn<D extends { id: string }>(devices: readonly D[], op: (device: D) => Promise<StepOutcome> | StepOutcome): Promise<StepOutcome> {
  for (const device of devices) {
    const outcome = await op(device);
    if (!outcome.ok) return outcome;
  }
  return { ok: true, value: devices.length };
}
