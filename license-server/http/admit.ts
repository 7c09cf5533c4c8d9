import type { RequestHandler, Response } from 'express';
import type { Failure, Result } from '../../protocol/result.ts';
import type { Actor } from '../auth/Actor.ts';
import { bearerToken } from './bearerToken.ts';
import type { HttpErrorCode } from './failureStatus.ts';
import { sendFailure } from './respond.ts';
import { isPublic, roleRefusal, type RouteAccess } from './RouteAccess.ts';

const REALM = 'fleetrig';

/**
 * Lets a request on when `access` allows, leaving the actor in `res.locals.actor` (null for a
 * public route): 401 with `WWW-Authenticate: Bearer` for a missing, unknown or revoked token,
 * 403 naming the role for a wrong one. The API's routes and a service's own routes both use it.
 */
export function admit(
  access: RouteAccess,
  name: string,
  authenticate: (secret: string) => Promise<Result<Actor, Failure<HttpErrorCode>>>,
): RequestHandler {
  return async (req, res, next) => {
    if (isPublic(access)) {
      res.locals.actor = null;
      next();
      return;
    }
    const secret = bearerToken(req.get('authorization'));
    if (secret === undefined) {
      unauthenticated(res, `${name} needs a credential: send Authorization: Bearer <token>`);
      return;
    }
    const actor = await authenticate(secret);
    if (!actor.ok) {
      unauthenticated(res, actor.error.message, 'invalid_token');
      return;
    }
    const refused = roleRefusal(access, actor.value, name);
    if (refused) {
      sendFailure(res, refused);
      return;
    }
    res.locals.actor = actor.value;
    next();
  };
}

function unauthenticated(res: Response, message: string, error?: string): void {
  res.set('WWW-Authenticate', error === undefined ? `Bearer realm="${REALM}"` : `Bearer realm="${REALM}", error="${error}"`);
  sendFailure(res, { code: 'UNAUTHENTICATED', message });
}
