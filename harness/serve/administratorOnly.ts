import type { RequestHandler } from 'express';
import { ServerRole } from '../../license-server/auth/ServerRole.ts';
import type { LicenseServer } from '../../license-server/createLicenseServer.ts';
import { admit } from '../../license-server/http/admit.ts';

/** Guards the service's own routes (clock control, device registration) as the API guards its: an Administrator's bearer token. */
export function administratorOnly(server: LicenseServer, what: string): RequestHandler {
  return admit({ role: ServerRole.Administrator }, what, (secret) => server.authenticate(secret));
}
