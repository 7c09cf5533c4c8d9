import { smartserverModule } from '../../../license-server/portals/smartserver/smartserverModule.ts';
import { ok } from '../../../protocol/result.ts';
import { activatedOrder, seedStep, type PortalSeed } from '../PortalSeed.ts';

export const SMARTSERVER_SEED_PARTNER = 'acme-partner';
export const SMARTSERVER_SEED_CUSTOMER = 'Harbour Tower';

/**
 * [SS-2] [SS-3] [SS-4] [SS-5] A partner's order of one SS-CAPACITY ×100 and one SS-MAINTENANCE
 * of a year, activated and assigned to its customer Harbour Tower, where they wait in the
 * cloud: type the customer's ID and save it, `download` lists both, `activate all` takes them.
 */
export const seedSmartServerPortal: PortalSeed = async ({ server }) => {
  const partnerAccountId = SMARTSERVER_SEED_PARTNER;
  const portal = server.portal(smartserverModule);
  const order = await activatedOrder(server, {
    accountId: partnerAccountId,
    items: [{ featureCode: 'SS-CAPACITY', count: 100 }, { featureCode: 'SS-MAINTENANCE', count: 1, termDays: 365 }],
  });
  if (!order.ok) return order;
  const { licenses } = order.value;
  const customer = seedStep(await portal.createCustomer({ partnerAccountId, name: SMARTSERVER_SEED_CUSTOMER }), 'adding the customer');
  if (!customer.ok) return customer;
  const { customerId } = customer.value;
  const assigned = seedStep(await portal.assignLicenses({ partnerAccountId, customerId, licenseIds: licenses.map((l) => l.id) }), 'assigning the licenses');
  if (!assigned.ok) return assigned;
  return ok({
    holds: [
      ['partner', partnerAccountId],
      ['customer', `${SMARTSERVER_SEED_CUSTOMER}, Customer ID ${customerId}`],
      ['in the cloud', licenses.map((l) => (l.end === null ? `${l.featureCode} ×${l.count}` : `${l.featureCode} (1 year)`)).join(', ')],
    ],
    type: [`customerid ${customerId}`, 'save', 'download', 'activate all'],
  });
};
