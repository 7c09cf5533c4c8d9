import type { ErrorCode } from './errorCodes.ts';

/**
 * Errors are values at every boundary: a stable `code` callers branch on, a message a person
 * can act on, and where the bad input was (a field path, a character position, a topic).
 * `C` is the set of codes the failure can carry: every known code by default, fewer where a
 * layer promises fewer (the license server answers only wire codes).
 */
export interface Failure<C extends ErrorCode = ErrorCode> {
  readonly code: C;
  readonly message: string;
  readonly where?: string;
}

export type Result<T, E extends Failure = Failure> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** A failed Result. `code` must be a known code (protocol/errorCodes.ts `ErrorCode`): a typo does not compile. */
export function fail<C extends ErrorCode>(code: C, message: string, where?: string): Result<never, Failure<C>> {
  return { ok: false, error: where === undefined ? { code, message } : { code, message, where } };
}

/** Unwraps a result in code that has already ruled out failure (tests, set-up). */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new Error(`${result.error.code}: ${result.error.message}`);
}
