import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;

describe('SmartServer partner portal: assigning licenses', () => {
  let kit: Kit;
  afterEach(async () => kit.t.close());

  it('[SS-2] assigns purchased licenses to a customer, where they wait in the cloud with their transfer date', async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 1 });
    const listed = unwrap(await kit.portal.listForCustomer({ customerId: kit.customerId }));
    expect(listed.map((l) => l.description)).toEqual(['Device capacity: 100', 'Device capacity: 100', 'Maintenance until 2027-01-01']);
    expect(listed[0]).toMatchObject({ customerId: kit.customerId, activatedOn: null, segmentController: null, transferDate: kit.t.clock.now(), status: 'Active' });
    // Assigning again changes nothing and is not logged twice.
    unwrap(await kit.portal.assignLicenses({ partnerAccountId: 'partner', customerId: kit.customerId.toUpperCase(), licenseIds: kit.licenseIds }));
    expect((await kit.t.server.audit()).filter((e) => e.action === 'smartserver.license.assign' && e.outcome === 'ok')).toHaveLength(1);
  });

  it("[SS-2] refuses another partner's customer, another account's license, a gateway license, and assigns nothing then", async () => {
    kit = await smartserverPortalRig({ capacity: 1, maintenance: 0 });
    const { portal, t } = kit;
    const [gatewayLicense] = await t.activated('partner', [{ featureCode: 'PBX-MOBILITY', count: 5 }]);
    const [strangers] = await t.activated('other-partner', [{ featureCode: 'SS-CAPACITY', count: 5 }]);
    const [fresh] = await t.activated('partner', [{ featureCode: 'SS-CAPACITY', count: 5 }]);
    const theirs = unwrap(await portal.createCustomer({ partnerAccountId: 'other-partner', name: 'Theirs' }));
    const assign = (customerId: string, licenseIds: string[]) => portal.assignLicenses({ partnerAccountId: 'partner', customerId, licenseIds });

    expect(await assign(theirs.customerId, [fresh!])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', where: 'customerId' } });
    expect(await assign(kit.customerId, [fresh!, strangers!])).toMatchObject({ ok: false, error: { code: 'LICENSE_OTHER_CUSTOMER' } });
    expect(await assign(kit.customerId, [fresh!, gatewayLicense!])).toMatchObject({ ok: false, error: { code: 'LICENSE_WRONG_FAMILY' } });
    expect(await assign(kit.customerId, ['no-such-license'])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await assign('00000000-0000-4000-8000-000000000000', [fresh!])).toMatchObject({ ok: false, error: { code: 'CUSTOMER_UNKNOWN' } });
    expect(await assign('not-a-uuid', [fresh!])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'customerId' } });
    expect(await assign(kit.customerId, [fresh!, fresh!])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'licenseIds' } });
    expect(await assign(kit.customerId, [])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'licenseIds' } });
    expect(unwrap(await portal.listForCustomer({ customerId: kit.customerId }))).toHaveLength(1);
    expect(await portal.listForCustomer({ customerId: theirs.customerId })).toEqual({ ok: true, value: [] });
  });
});
