import { authContext } from '../auth/AuthContext.ts';
import { createApiToken } from '../auth/createApiToken.ts';
import { listApiTokens } from '../auth/listApiTokens.ts';
import { revokeApiToken } from '../auth/revokeApiToken.ts';
import { ServerRole } from '../auth/ServerRole.ts';
import { opRoute, route } from '../http/route.ts';
import { definePortal } from '../portals/PortalModule.ts';
import { activateKey } from './activateKey.ts';
import { auditQuery } from './auditQuery.ts';
import type { Core } from './Core.ts';
import { createOrder } from './createOrder.ts';
import { listLicenses } from './listLicenses.ts';
import { ok } from './result.ts';

const vendor = { role: ServerRole.Vendor };
const customer = { role: ServerRole.Customer, account: 'accountId' };
const administrator = { role: ServerRole.Administrator };
const signedIn = { anyToken: 'a page asks who its bearer token belongs to, to show the portal that holder may use' };

/** The shared core as a module: its facet, and its routes at the root of /api/v1. */
export const coreModule = definePortal<Core>({
  name: 'core',
  mount: '',
  create: (ctx) => {
    const auth = authContext(ctx);
    return {
      createOrder: (input) => createOrder(ctx, input),
      activate: (input) => activateKey(ctx, input),
      listLicenses: (input) => listLicenses(ctx, input),
      audit: (input) => auditQuery(ctx, input),
      createToken: (input, by) => createApiToken(auth, input, by),
      revokeToken: (input, by) => revokeApiToken(auth, input, by),
      listTokens: () => listApiTokens(auth),
    };
  },
  routes: [
    opRoute('post', '/orders', (core: Core, input) => core.createOrder(input), { access: vendor, status: 201 }),
    opRoute('post', '/accounts/:accountId/activations', (core: Core, input) => core.activate(input), { access: customer, reply: (licenses) => ({ licenses }), status: 201 }),
    opRoute('get', '/accounts/:accountId/licenses', (core: Core, input) => core.listLicenses(input), { access: customer, reply: (licenses) => ({ licenses }) }),
    opRoute('get', '/audit', (core: Core, input) => core.audit(input), { access: administrator, reply: (entries) => ({ entries }) }),
    route('post', '/tokens', (core: Core, { input, actor }) => core.createToken(input as never, actor ?? undefined), { access: administrator, status: 201 }),
    route('get', '/tokens', (core: Core) => core.listTokens(), { access: administrator, reply: (tokens) => ({ tokens }) }),
    // The holder of the bearer token itself (never its secret): what a portal page shows on sign-in.
    route('get', '/session', async (_core: Core, { actor }) => ok(actor), { access: signedIn, reply: (session) => ({ session }) }),
    route('post', '/tokens/:tokenId/revoke', (core: Core, { input, actor }) => core.revokeToken(input as never, actor ?? undefined), { access: administrator, reply: (token) => ({ token }), body: 'optional' }),
  ],
});
