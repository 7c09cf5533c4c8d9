import express, { Router, type Express, type Request } from 'express';
import type { Failure, Result } from '../../protocol/result.ts';
import type { Actor } from '../auth/Actor.ts';
import type { MountedRoute } from '../portals/mountPortals.ts';
import { admit } from './admit.ts';
import type { HttpErrorCode } from './failureStatus.ts';
import { jsonErrorHandler, refuseOptions, type ServerFaultListener } from './jsonErrorHandler.ts';
import { sendFailure, sendResult } from './respond.ts';
import { accountRefusal, isPublic } from './RouteAccess.ts';

export interface HttpApiOptions {
  /** Every portal's routes, full paths under /api/v1 (see mountPortals). */
  routes: readonly MountedRoute[];
  /** Resolves a bearer token's secret to its holder (auth/authenticate.ts). */
  authenticate(secret: string): Promise<Result<Actor, Failure<HttpErrorCode>>>;
  /** Largest accepted JSON body; `10mb` by default (an order for a large fleet is big). */
  bodyLimit?: string;
  /** Told of every request a route answered: method, the route's path as mounted, status. */
  onAnswered?: (method: string, route: string, status: number) => void;
  /** Told of every fault inside the server (a 500), to log it. */
  onFault?: ServerFaultListener;
}

export const API_PREFIX = '/api/v1';

/**
 * The license server's API under /api/v1, built from the portals' route tables. Each route
 * first resolves the bearer token to an actor, once, and checks the role the route declares —
 * before its body is even parsed, so a caller without the right learns nothing from the body —
 * then hands its operation one input (the body, the query for GET, with the path parameters
 * over it) and the actor. Every error is `{ error, message, where? }` with a 4xx status:
 * 401 with `WWW-Authenticate: Bearer` for a missing, unknown or revoked token, 403 for a
 * wrong role or account, 400/413/415 for a body that is not JSON, too large or badly encoded,
 * 400 for a path that does not percent-decode, 404 for unknown routes, 405 for OPTIONS; only a
 * fault inside the server is a 500, told to `onFault`.
 */
export function createHttpApi(options: HttpApiOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(refuseOptions);
  const json = express.json({ limit: options.bodyLimit ?? '10mb' });
  const router = Router();
  for (const route of options.routes) {
    const name = `${route.method.toUpperCase()} ${API_PREFIX}${route.path}`;
    router[route.method](route.path, admit(route.access, name, options.authenticate), json, async (req, res) => {
      if (route.body === 'required' && req.body === undefined) {
        sendFailure(res, { code: 'BAD_REQUEST', message: `${name}: the request needs a JSON body (Content-Type: application/json)`, where: '(root)' });
        return;
      }
      const actor = res.locals.actor as Actor | null;
      const input = inputOf(req);
      const params = req.params as Record<string, string>;
      const refused = actor && !isPublic(route.access) ? accountRefusal(route.access, actor, { input, params }, name) : undefined;
      if (refused) {
        sendFailure(res, refused);
        return;
      }
      const result = await route.run({ input, params, actor });
      sendResult(res, result, (value) => value, route.status);
      options.onAnswered?.(route.method.toUpperCase(), `${API_PREFIX}${route.path}`, res.statusCode);
    });
  }
  app.use(API_PREFIX, router);
  app.use((req, res) => {
    sendFailure(res, { code: 'NOT_FOUND', message: `no route ${req.method} ${req.path}` });
  });
  app.use(jsonErrorHandler(options.onFault));
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
