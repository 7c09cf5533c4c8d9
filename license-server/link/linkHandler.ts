import type { z } from 'zod';
import { parseValue, type Request } from '../../protocol/messages/envelope.ts';
import type { Result } from '../core/result.ts';
import type { LinkHandler } from './serveLink.ts';

/**
 * A handler for one device op: checks the request body against the op's schema (a bad body is
 * answered BAD_REQUEST naming the field) before `run` sees it.
 */
export function linkHandler<T>(
  spec: { op: string; request: z.ZodType<T> },
  run: (body: T, request: Request) => Promise<Result<Record<string, unknown>>>,
): LinkHandler {
  return async (request) => {
    const body = parseValue(request.body, spec.request, `${spec.op} body`);
    return body.ok ? run(body.value, request) : body;
  };
}
