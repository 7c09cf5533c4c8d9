import { httpClient } from '../../../license-server/testing/httpTestClient.ts';

/**
 * What an operator does over the API before a gateway can download a license: order one,
 * activate it for `acme`, bind it to the gateway's hardware ID. Resolves with the license ID.
 */
export async function bindGatewayLicense(service: { httpUrl: string; token: string }, hardwareId: string, featureCode = 'Mobility'): Promise<string> {
  const { call } = httpClient(service.httpUrl, { token: service.token });
  const order = await call('POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode, count: 5 }] });
  const activated = await call('POST', '/api/v1/accounts/acme/activations', { activationKey: order.body.activationKey });
  const [license] = activated.body.licenses as { id: string }[];
  const bound = await call('POST', `/api/v1/gateway/licenses/${license!.id}/bind`, { hardwareId });
  if (bound.status !== 200) throw new Error(`binding ${license!.id} to ${hardwareId}: ${JSON.stringify(bound)}`);
  return license!.id;
}
