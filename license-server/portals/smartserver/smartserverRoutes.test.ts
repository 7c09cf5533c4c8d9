import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../../emulator/random/Random.ts';
import { newRequestCode } from '../../../protocol/codes/requestCode.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';
import { serveForTest, type HttpTestClient } from '../../testing/httpTestClient.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;

describe('HTTP API /api/v1/smartserver', () => {
  let kit: Kit;
  let http: HttpTestClient;
  beforeEach(async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 1 });
    // A partner's and customer's roles on a token tied to no account, so every account below is in reach.
    const token = await kit.t.token({ user: 'support', roles: ['Partner', 'Customer'] });
    http = await serveForTest(kit.t.server.http(), '/api/v1/smartserver', { token });
  });
  afterEach(async () => {
    await http.close();
    await kit.t.close();
  });

  const call = (method: string, path: string, body?: unknown, raw?: string) => http.call(method, path, body, raw);

  it('[SS-2] partner portal over HTTP; server operations are not offered there', async () => {
    const created = await call('POST', '/partners/partner/customers', { name: 'Airport' });
    expect(created).toMatchObject({ status: 201, body: { customer: { name: 'Airport', partnerAccountId: 'partner' } } });
    expect(((await call('GET', '/partners/partner/customers')).body.customers as unknown[])).toHaveLength(2);
    const customerId = (created.body.customer as { customerId: string }).customerId;
    const assigned = await call('POST', `/customers/${customerId}/licenses`, { partnerAccountId: 'partner', licenseIds: [] });
    expect(assigned).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'licenseIds' } });

    const mine = await call('GET', `/customers/${kit.customerId}/licenses`);
    expect((mine.body.licenses as { activatedOn: string | null }[]).map((l) => l.activatedOn)).toEqual([null, null, null]);

    // Acting for a server needs its certificate, which only its own link carries (ss.* ops).
    const installCode = kit.installCode('a');
    expect(await call('GET', `/servers/${installCode}/download-list?customerId=${kit.customerId}`)).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await call('POST', `/servers/${installCode}/activations`, { customerId: kit.customerId, licenseIds: [kit.licenseIds[0]] })).toMatchObject({ status: 404 });
    expect(await call('POST', `/servers/${installCode}/transfers`)).toMatchObject({ status: 404 });
    expect((await call('GET', `/customers/${kit.customerId}/licenses`)).body).toEqual(mine.body);
  });

  it('[SS-8] customer portal offline activation over HTTP, and a typo in the request code', async () => {
    const installCode = kit.installCode('offline');
    const request = newRequestCode({ identity: installCode, random: createRandom('r') });
    const path = `/customers/${kit.customerId}/offline-activations`;
    const answer = await call('POST', path, { installCode, requestCode: request.code, licenseIds: [kit.licenseIds[1]] });
    expect(answer).toMatchObject({ status: 201, body: { licenseIds: [kit.licenseIds[1]] } });
    expect(answer.body.responseCode).toMatch(/^RSP1\./);
    const typo = request.code.slice(0, -1) + (request.code.endsWith('A') ? 'B' : 'A');
    expect(await call('POST', path, { installCode, requestCode: typo, licenseIds: [kit.licenseIds[0]] })).toMatchObject({ status: 400, body: { error: 'CODE_INVALID', where: 'requestCode' } });
  });

  it('[SS-2] answers bad input with 4xx and a reason', async () => {
    expect(await call('POST', '/partners/partner/customers', undefined, '{"name":')).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
    expect(await call('POST', '/partners/partner/customers', { name: 'x', color: 'red' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
    expect(await call('POST', '/partners/partner/customers')).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: '(root)' } });
    expect(await call('POST', '/partners/nobody/customers', { name: 'x' })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await call('GET', '/customers/not-a-uuid/licenses')).toMatchObject({ status: 400, body: { where: 'customerId' } });
    expect(await call('GET', '/customers/00000000-0000-4000-8000-000000000000/licenses')).toMatchObject({ status: 404, body: { error: 'CUSTOMER_UNKNOWN' } });
    const other = await call('POST', '/partners/partner/customers', { name: 'Other' });
    const otherId = (other.body.customer as { customerId: string }).customerId;
    expect(await call('POST', `/customers/${otherId}/offline-activations`, { installCode: kit.installCode('a'), requestCode: 'X', licenseIds: [kit.licenseIds[0]] }))
      .toMatchObject({ status: 400, body: { error: 'CODE_INVALID' } });
  });
});
