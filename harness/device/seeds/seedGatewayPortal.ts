import { gatewayModule } from '../../../license-server/portals/gateway/gatewayModule.ts';
import { ok } from '../../../protocol/result.ts';
import { activatedOrder, seedStep, type PortalSeed } from '../PortalSeed.ts';

export const GATEWAY_SEED_ACCOUNT = 'acme';

/**
 * [GW-1] [GW-2] [GW-6] An order of Port ×8 and Mobility ×10, activated into account acme, and
 * both licenses bound to the gateway's hardware ID: `download` fetches them, a `reboot` puts
 * them in force, and `invalidate` can give either back.
 */
export const seedGatewayPortal: PortalSeed = async ({ server, identity }) => {
  const accountId = GATEWAY_SEED_ACCOUNT;
  const order = await activatedOrder(server, { accountId, items: [{ featureCode: 'Port', count: 8 }, { featureCode: 'Mobility', count: 10 }] });
  if (!order.ok) return order;
  const { activationKey, licenses } = order.value;
  for (const license of licenses) {
    const bound = seedStep(await server.portal(gatewayModule).bind({ licenseId: license.id, hardwareId: identity.hardwareId }), `binding ${license.featureCode}`);
    if (!bound.ok) return bound;
  }
  return ok({
    holds: [
      ['account', accountId],
      ['activation key', `${activationKey} (activated)`],
      ['bound to', `${identity.hardwareId} (this gateway's hardware ID)`],
      ...licenses.map((l): [string, string] => [`license ${l.featureCode}`, `${l.id} ×${l.count}`]),
    ],
    type: ['download', 'reboot', 'licenses'],
  });
};
