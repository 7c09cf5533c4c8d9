import type { Request, Response, NextFunction, RequestHandler } from 'express';
import type { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
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

/**
 * Validates the JSON body against `schema` before the route runs; the parsed body is in
 * `res.locals.body`. A missing body, or one sent as something other than JSON, is named as such.
 */
export function validateBody<T>(schema: z.ZodType<T>, what: string, options: { optional?: boolean } = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const raw: unknown = req.body ?? (options.optional ? {} : undefined);
    if (raw === undefined) {
      sendFailure(res, { code: 'BAD_REQUEST', message: `${what}: the request needs a JSON body (Content-Type: application/json)`, where: '(root)' });
      return;
    }
    const parsed = parseValue(raw, schema, what);
    if (!parsed.ok) {
      sendFailure(res, parsed.error);
      return;
    }
    res.locals.body = parsed.value;
    next();
  };
}

/** The body `validateBody` parsed for this request. */
export function bodyOf<T>(res: Response): T {
  return res.locals.body as T;
}

/** A named path parameter; Express decodes it, the operation validates it. */
export function param(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}
