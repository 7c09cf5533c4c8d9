import { opRoute } from '../http/route.ts';
import { definePortal } from '../portals/PortalModule.ts';
import { activateKey } from './activateKey.ts';
import { auditQuery } from './auditQuery.ts';
import type { Core } from './Core.ts';
import { createOrder } from './createOrder.ts';
import { listLicenses } from './listLicenses.ts';

/** The shared core as a module: its facet, and its routes at the root of /api/v1. */
export const coreModule = definePortal<Core>({
  name: 'core',
  mount: '',
  create: (ctx) => ({
    createOrder: (input) => createOrder(ctx, input),
    activate: (input) => activateKey(ctx, input),
    listLicenses: (input) => listLicenses(ctx, input),
    audit: (input) => auditQuery(ctx, input),
  }),
  routes: [
    opRoute('post', '/orders', (core: Core, input) => core.createOrder(input), { status: 201 }),
    opRoute('post', '/accounts/:accountId/activations', (core: Core, input) => core.activate(input), { reply: (licenses) => ({ licenses }), status: 201 }),
    opRoute('get', '/accounts/:accountId/licenses', (core: Core, input) => core.listLicenses(input), { reply: (licenses) => ({ licenses }) }),
    opRoute('get', '/audit', (core: Core, input) => core.audit(input), { reply: (entries) => ({ entries }) }),
  ],
});
