import type { RequestHandler } from 'express';
import { ServerRole } from '../../license-server/auth/ServerRole.ts';
import type { LicenseServer } from '../../license-server/createLicenseServer.ts';
import { bearerToken } from '../../license-server/http/bearerToken.ts';
import { sendFailure } from '../../license-server/http/respond.ts';

/**
 * Guards the service's own routes (clock control, device registration) like the API's: a
 * bearer token of an Administrator, else 401 with `WWW-Authenticate` or 403 naming the role.
 */
export function administratorOnly(server: LicenseServer, what: string): RequestHandler {
  return async (req, res, next) => {
    const secret = bearerToken(req.get('authorization'));
    const actor = secret === undefined ? undefined : await server.authenticate(secret);
    if (actor === undefined || !actor.ok) {
      res.set('WWW-Authenticate', actor === undefined ? 'Bearer realm="fleetrig"' : 'Bearer realm="fleetrig", error="invalid_token"');
      sendFailure(res, { code: 'UNAUTHENTICATED', message: actor === undefined ? `${what} needs a credential: send Authorization: Bearer <token>` : actor.error.message });
      return;
    }
    if (!actor.value.roles.includes(ServerRole.Administrator)) {
      sendFailure(res, { code: 'FORBIDDEN', message: `${what} needs the ${ServerRole.Administrator} role`, where: 'authorization' });
      return;
    }
    next();
  };
}
