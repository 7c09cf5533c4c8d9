import { unwrap } from '../../../protocol/result.ts';
import { SS_CAPACITY, SS_MAINTENANCE } from '../../../protocol/messages/smartserver.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import type { Store } from '../../store/Store.ts';

/**
 * A license server with a partner that has bought SmartServer licenses (`capacity` licenses
 * of 100 devices, `maintenance` one-year licenses) and one customer they are assigned to.
 */
export async function smartserverTestKit(options: { capacity?: number; maintenance?: number; store?: Store } = {}) {
  const t: TestServer = await createTestServer(options.store ? { store: options.store } : {});
  const portal = t.server.smartserver;
  const items = [
    ...Array.from({ length: options.capacity ?? 3 }, () => ({ featureCode: SS_CAPACITY, count: 100 })),
    ...Array.from({ length: options.maintenance ?? 1 }, () => ({ featureCode: SS_MAINTENANCE, count: 1, termDays: 365 })),
  ];
  const licenseIds = await t.activated('partner', items);
  const customer = unwrap(await portal.createCustomer({ partnerAccountId: 'partner', name: 'Harbour Tower' }));
  unwrap(await portal.assignLicenses({ partnerAccountId: 'partner', customerId: customer.customerId, licenseIds }));
  /** A SmartServer's install code, the same per name. */
  const installCode = (name: string): string => t.device(name).installCode;
  return { t, portal, customerId: customer.customerId, licenseIds, installCode };
}
