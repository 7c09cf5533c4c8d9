import type { Response } from 'express';
import type { Failure, Result } from '../../protocol/result.ts';
import { failureStatus, type LicenseServerErrorCode } from './failureStatus.ts';

/** The error body every route answers with: `{ error, message }`, plus `where` when known. */
export function sendFailure(res: Response, failure: Failure<LicenseServerErrorCode>): void {
  const body: Record<string, string> = { error: failure.code, message: failure.message };
  if (failure.where !== undefined) body.where = failure.where;
  res.status(failureStatus(failure.code)).json(body);
}

/** Sends a Result: the shaped value with `status` on success, the mapped error otherwise. */
export function sendResult<T>(res: Response, result: Result<T, Failure<LicenseServerErrorCode>>, shape: (value: T) => unknown, status = 200): void {
  if (result.ok) res.status(status).json(shape(result.value));
  else sendFailure(res, result.error);
}
