import { activateOrderStep } from './activateOrderStep.ts';

/**
 * `- portal.activate: { order: o1 }` — [GW-1] enters the order's activation key in the portal,
 * which creates its licenses. `key` types a different key instead (a typo, say).
 */
export const activate = activateOrderStep({
  kind: 'portal.activate',
  summary: "Activate an order's licenses in the portal with its activation key (or a typed `key`).",
  activate: (world, input) => world.server.gateway.activate(input),
  recorded: (typed, licenses) => `activated ${typed}: ${licenses.length} license(s)`,
  what: (typed) => `activating ${typed}`,
});
