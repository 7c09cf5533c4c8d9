import express, { Router, type ErrorRequestHandler, type Express, type Request } from 'express';
import type { MountedRoute } from '../portals/mountPortals.ts';
import { sendFailure, sendResult } from './respond.ts';

export interface HttpApiOptions {
  /** Every portal's routes, full paths under /api/v1 (see mountPortals). */
  routes: readonly MountedRoute[];
  /** Largest accepted JSON body; `10mb` by default (an order for a large fleet is big). */
  bodyLimit?: string;
  /** Told of every request a route answered: method, the route's path as mounted, status. */
  onAnswered?: (method: string, route: string, status: number) => void;
}

export const API_PREFIX = '/api/v1';

/**
 * The license server's API under /api/v1, built from the portals' route tables. Each route
 * hands its operation one input — the body (the query for GET) with the path parameters over
 * it — and the operation validates it. Every error is `{ error, message, where? }` with a 4xx
 * status: unparsable JSON and oversized bodies too, and unknown routes; only a fault inside
 * the server is a 500.
 */
export function createHttpApi(options: HttpApiOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: options.bodyLimit ?? '10mb' }));
  const router = Router();
  for (const route of options.routes) {
    router[route.method](route.path, async (req, res) => {
      if (route.body === 'required' && req.body === undefined) {
        sendFailure(res, { code: 'BAD_REQUEST', message: `${req.method} ${API_PREFIX}${route.path}: the request needs a JSON body (Content-Type: application/json)`, where: '(root)' });
        return;
      }
      const result = await route.run({ input: inputOf(req), params: req.params as Record<string, string>, header: (name) => req.get(name) });
      sendResult(res, result, (value) => value, route.status);
      options.onAnswered?.(route.method.toUpperCase(), `${API_PREFIX}${route.path}`, res.statusCode);
    });
  }
  app.use(API_PREFIX, router);
  app.use((req, res) => {
    sendFailure(res, { code: 'NOT_FOUND', message: `no route ${req.method} ${req.path}` });
  });
  app.use(errorHandler);
  return app;
}

/**
 * The body's fields (the query's for GET) with the path's written over them. A missing body is
 * an empty one; a body that is not an object is passed on as it is, for the operation to
 * refuse naming `(root)`.
 */
function inputOf(req: Request): unknown {
  const params = req.params as Record<string, string>;
  const body: unknown = req.method === 'GET' ? { ...(req.query as Record<string, unknown>) } : req.body;
  if (body === undefined) return { ...params };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return { ...body, ...params };
}

const errorHandler: ErrorRequestHandler = (error: { type?: string; message?: string }, _req, res, _next) => {
  if (error.type === 'entity.parse.failed') {
    sendFailure(res, { code: 'BAD_REQUEST', message: `request body is not valid JSON: ${error.message}`, where: '(root)' });
  } else if (error.type === 'entity.too.large') {
    sendFailure(res, { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than the server accepts' });
  } else if (typeof error.type === 'string' && error.type.startsWith('entity.') || error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
    sendFailure(res, { code: 'BAD_REQUEST', message: `request body could not be read: ${error.message}` });
  } else {
    sendFailure(res, { code: 'INTERNAL', message: `the server failed: ${error.message ?? String(error)}` });
  }
};
