import type { z } from 'zod';
import { parseValue, type Request } from '../../protocol/messages/envelope.ts';
import type { Result } from '../core/result.ts';
import type { LinkHandler } from './serveLink.ts';

/** One device operation a portal answers over links, e.g. `gateway.download`. */
export interface DeviceOp<F> {
  readonly op: string;
  handler(facet: F): LinkHandler;
}

/**
 * A device op from its wire spec (`protocol/messages/*`): the request body is checked against
 * the op's schema (a bad body is answered BAD_REQUEST naming the field) before `run` sees it.
 */
export function deviceOp<F, T>(
  spec: { op: string; request: z.ZodType<T> },
  run: (facet: F, body: T, request: Request) => Promise<Result<Record<string, unknown>>>,
): DeviceOp<F> {
  return {
    op: spec.op,
    handler: (facet) => async (request) => {
      const body = parseValue(request.body, spec.request, `${spec.op} body`);
      return body.ok ? run(facet, body.value, request) : body;
    },
  };
}
