import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { serveForTest, type HttpTestClient } from '../../testing/httpTestClient.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;

describe('SmartServer partner portal: the partner\'s licenses', () => {
  let kit: Kit;
  let http: HttpTestClient | undefined;
  afterEach(async () => {
    await http?.close();
    http = undefined;
    await kit.t.close();
  });

  it('[SS-2] lists the partner\'s unassigned licenses, then each customer\'s, with the customer that holds each', async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 1 });
    const spare = await kit.t.activated('partner', [{ featureCode: 'SS-CAPACITY', count: 25 }, { featureCode: 'Mobility', count: 5 }]);
    const listed = unwrap(await kit.portal.listPartnerLicenses({ partnerAccountId: 'partner' }));
    // The gateway license bought in the same order is not the SmartServer portal's.
    expect(listed.map((l) => [l.licenseId, l.customerId])).toEqual([
      [spare[0], null],
      ...kit.licenseIds.map((id) => [id, kit.customerId]),
    ]);
    expect(listed[0]).toMatchObject({ featureCode: 'SS-CAPACITY', count: 25, activatedOn: null, description: 'Device capacity: 25', status: 'Active' });

    unwrap(await kit.portal.assignLicenses({ partnerAccountId: 'partner', customerId: kit.customerId, licenseIds: [spare[0]!] }));
    expect(unwrap(await kit.portal.listPartnerLicenses({ partnerAccountId: 'partner' })).every((l) => l.customerId === kit.customerId)).toBe(true);
  });

  it('[SS-2] refuses an unknown partner, a customer account and bad input', async () => {
    kit = await smartserverPortalRig();
    expect(await kit.portal.listPartnerLicenses({ partnerAccountId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'partnerAccountId' } });
    expect(await kit.portal.listPartnerLicenses({ partnerAccountId: kit.customerId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', where: 'partnerAccountId' } });
    expect(await kit.portal.listPartnerLicenses({ partnerAccountId: 'partner', extra: 1 } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('[SS-2] over HTTP: a Partner token of the partner\'s account reads its licenses, not another account\'s', async () => {
    kit = await smartserverPortalRig({ capacity: 1, maintenance: 0 });
    const token = await kit.t.token({ user: 'pat', roles: ['Partner'], accountId: 'partner' });
    http = await serveForTest(kit.t.server.http(), '/api/v1/smartserver', { token });
    const mine = await http.call('GET', '/partners/partner/licenses');
    expect(mine).toMatchObject({ status: 200, body: { licenses: [{ licenseId: kit.licenseIds[0], customerId: kit.customerId }] } });
    expect(await http.call('GET', '/partners/other/licenses')).toMatchObject({ status: 403, body: { error: 'FORBIDDEN', where: 'partnerAccountId' } });
  });
});
