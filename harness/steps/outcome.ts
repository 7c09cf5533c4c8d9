import type { Result } from '../../protocol/result.ts';
import { PATTERN_MATCH, type ExpectedError } from '../scenario/fields.ts';
import type { StepFailure, StepOutcome } from './StepKind.ts';

export function expectationFailed(message: string, detail: Omit<StepFailure, 'ok' | 'error'> = {}): StepFailure {
  return { ok: false, error: { code: 'EXPECTATION_FAILED', message }, ...detail };
}

/**
 * Applies an operation step's `expectError`: with one, the operation must fail with that code —
 * and, when given, a message and a `where` that match; without, it must succeed.
 */
export function expectOutcome(result: Result<unknown>, expectError: ExpectedError | undefined, what: string, device?: string): StepOutcome {
  if (expectError === undefined) return result;
  const want = typeof expectError === 'string' ? { code: expectError } : expectError;
  const expected = describeExpected(want);
  if (result.ok) return expectationFailed(`${what} succeeded, but it was expected to fail with ${expected}`, { device, expected: expectError, actual: 'success' });
  const { code, message, where } = result.error as { code: string; message: string; where?: string };
  if (code !== want.code) {
    return expectationFailed(`${what} failed with ${code} (${message}), expected ${expected}`, { device, expected: expectError, actual: code });
  }
  if (want.message !== undefined && !matches(message, want.message)) {
    return expectationFailed(`${what} failed with ${code} as expected, but its message "${message}" ${missing(want.message)}`, { device, expected: expectError, actual: { code, message } });
  }
  if (want.where !== undefined && (where === undefined || !matches(where, want.where))) {
    const said = where === undefined ? 'names no where' : `names where "${where}", which ${missing(want.where)}`;
    return expectationFailed(`${what} failed with ${code} as expected, but it ${said}`, { device, expected: expectError, actual: { code, where } });
  }
  return { ok: true, value: result.error };
}

/** Whether text holds a substring, or matches `/pattern/flags`. */
export function matches(text: string, match: string): boolean {
  const m = PATTERN_MATCH.exec(match);
  return m ? new RegExp(m[1]!, m[2]).test(text) : text.includes(match);
}

function missing(match: string): string {
  return PATTERN_MATCH.test(match) ? `does not match ${match}` : `does not contain "${match}"`;
}

function describeExpected(want: Exclude<ExpectedError, string>): string {
  const parts = [want.code];
  if (want.message !== undefined) parts.push(`message ${PATTERN_MATCH.test(want.message) ? `matching ${want.message}` : `containing "${want.message}"`}`);
  if (want.where !== undefined) parts.push(`where ${PATTERN_MATCH.test(want.where) ? `matching ${want.where}` : `containing "${want.where}"`}`);
  return parts.join(', ');
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
