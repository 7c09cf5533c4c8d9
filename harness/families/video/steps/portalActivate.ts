import { activateOrderStep } from '../../../steps/portal/activateOrderStep.ts';

/**
 * `- clPortal.activate: { order: o1 }` — [CL-2] enters the License Activation Key the order
 * yielded (or a typed `key`) in the video portal; its CLARITI-* licenses become entitlements.
 */
export const portalActivate = activateOrderStep({
  kind: 'clPortal.activate',
  summary: "Activate an order's License Activation Key in the video portal (or a typed `key`).",
  activate: (world, input) => world.server.video.activate(input),
  recorded: (typed, licenses) => `video: activated ${typed}: ${licenses.map((l) => `${l.featureCode}×${l.count}`).join(', ')}`,
  what: (typed) => `activating ${typed} in the video portal`,
});
