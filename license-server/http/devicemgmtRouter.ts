import { Router, type Request } from 'express';
import type { Result } from '../core/result.ts';
import type { DevicemgmtPortal } from '../portals/devicemgmt/DevicemgmtPortal.ts';
import type { PortalActor } from '../portals/devicemgmt/pdmsUsers.ts';
import { param, sendResult } from './respond.ts';

/** The request header naming the acting portal user (PC-1); see docs/devicemgmt.md. */
export const USER_HEADER = 'x-fleetrig-user';

interface DevicemgmtRoute {
  method: 'get' | 'post' | 'put';
  path: string;
  run(portal: DevicemgmtPortal, actor: PortalActor, req: Request): Promise<Result<unknown>>;
  shape(value: never): unknown;
  status?: number;
}

/**
 * The device-management portal's routes (PC-*), one table from which the router is built.
 * Bodies are handed to the portal unchecked: the role guard runs first there, so a user without
 * the role gets 403 whatever the body, and only then is the body validated (400 naming the
 * field). Path parameters win over body fields of the same name.
 */
const routes: readonly DevicemgmtRoute[] = [
  {
    method: 'put',
    path: '/devicemgmt/accounts/:accountId/users/:userName',
    run: (portal, actor, req) => portal.putUser(actor, withFields(req.body, { name: param(req, 'userName') })),
    shape: (user: unknown) => ({ user }),
  },
  {
    method: 'get',
    path: '/devicemgmt/accounts/:accountId/licenses',
    run: (portal, actor) => portal.listLicenses(actor),
    shape: (licenses: unknown) => ({ licenses }),
  },
  {
    method: 'get',
    path: '/devicemgmt/accounts/:accountId/licenses/summary',
    run: (portal, actor) => portal.summary(actor),
    shape: (summary: unknown) => ({ summary }),
  },
  {
    method: 'post',
    path: '/devicemgmt/accounts/:accountId/activations',
    run: (portal, actor, req) => portal.activate(actor, withFields(req.body, {})),
    shape: (activation: unknown) => activation,
    status: 201,
  },
  {
    method: 'post',
    path: '/devicemgmt/accounts/:accountId/licenses/:licenseId/renewals',
    run: (portal, actor, req) => portal.renew(actor, withFields(req.body, { licenseId: param(req, 'licenseId') })),
    shape: (renewal: unknown) => renewal,
    status: 201,
  },
  {
    method: 'post',
    path: '/devicemgmt/accounts/:accountId/provisioning-token',
    run: (portal, actor) => portal.provisioningToken(actor),
    shape: (token: unknown) => token,
  },
  {
    method: 'get',
    path: '/devicemgmt/accounts/:accountId/devices',
    run: (portal, actor) => portal.listDevices(actor),
    shape: (devices: unknown) => ({ devices }),
  },
];

export function devicemgmtRouter(portal: DevicemgmtPortal): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const result = await route.run(portal, actorOf(req), req);
      sendResult(res, result, route.shape as (value: unknown) => unknown, route.status ?? 200);
    });
  }
  return router;
}

function actorOf(req: Request): PortalActor {
  return { accountId: param(req, 'accountId'), user: req.get(USER_HEADER) ?? '' };
}

/**
 * The body's fields with the path's added. A missing body is an empty one; a body that is not
 * an object is passed on as it is, for the operation to refuse naming `(root)`.
 */
function withFields<T>(body: unknown, fields: Record<string, string>): T {
  if (body === undefined) return { ...fields } as T;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body as T;
  return { ...body, ...fields } as T;
}
