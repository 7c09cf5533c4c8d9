import { httpClient } from '../../../license-server/testing/httpTestClient.ts';

export interface OrderItem {
  featureCode: 'SS-CAPACITY' | 'SS-MAINTENANCE';
  count: number;
  termDays?: number;
}

/**
 * [SS-2] What a partner does before a SmartServer can download licenses, over the API (the
 * portal pages' steps): order the items for `acme-partner`, activate the order into the
 * partner's account, add a customer and assign it every license. Resolves with the Customer ID
 * and the license IDs, in order.
 */
export async function smartserverCustomerWithLicenses(
  service: { httpUrl: string; token: string },
  items: readonly OrderItem[],
  options: { partner?: string; customer?: string } = {},
): Promise<{ customerId: string; licenseIds: string[] }> {
  const { partner = 'acme-partner', customer = 'Harbour Tower' } = options;
  const { call } = httpClient(service.httpUrl, { token: service.token });
  const expectStatus = async (what: string, status: number, reply: Promise<{ status: number; body: Record<string, unknown> }>) => {
    const answer = await reply;
    if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const order = await expectStatus('order', 201, call('POST', '/api/v1/orders', { accountId: partner, items }));
  const activated = await expectStatus('activation', 201, call('POST', `/api/v1/accounts/${partner}/activations`, { activationKey: order.activationKey }));
  const licenseIds = (activated.licenses as { id: string }[]).map((l) => l.id);
  const created = await expectStatus('customer', 201, call('POST', `/api/v1/smartserver/partners/${partner}/customers`, { name: customer }));
  const customerId = (created.customer as { customerId: string }).customerId;
  await expectStatus('assignment', 200, call('POST', `/api/v1/smartserver/customers/${customerId}/licenses`, { partnerAccountId: partner, licenseIds }));
  return { customerId, licenseIds };
}
