import { afterEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../../protocol/licenseFile.ts';
import { unwrap, type Result } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { DOWNLOAD_PAGE_ROWS } from '../../../protocol/messages/smartserver.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;
const outcomes = (results: Result<unknown>[]): string[] => results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();

describe('SmartServer cloud: download list and activation for a server', () => {
  let kit: Kit;
  afterEach(async () => kit.t.close());

  it('[SS-4] lists the customer\'s licenses in the cloud with segment controller, ID, transfer date and kind', async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 1 });
    const rows = unwrap(await kit.portal.downloadList({ customerId: kit.customerId, installCode: kit.installCode('a') })).licenses;
    expect(rows.map((r) => r.featureCode)).toEqual(['SS-CAPACITY', 'SS-CAPACITY', 'SS-MAINTENANCE']);
    expect(rows[2]).toEqual({ licenseId: kit.licenseIds[2], featureCode: 'SS-MAINTENANCE', count: 1, end: kit.t.clock.now() + 365 * DAY_MS, transferDate: kit.t.clock.now(), segmentController: null });
    expect(await kit.portal.downloadList({ customerId: '00000000-0000-4000-8000-000000000000', installCode: kit.installCode('a') })).toMatchObject({ ok: false, error: { code: 'CUSTOMER_UNKNOWN' } });
    expect(await kit.portal.downloadList({ customerId: kit.customerId, installCode: 'not-a-code' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'installCode' } });
  });

  it('[SS-4] pages a long list, in the order the licenses were assigned, so no reply outgrows a frame', async () => {
    kit = await smartserverPortalRig({ capacity: 2 * DOWNLOAD_PAGE_ROWS + 30 });
    const a = kit.installCode('a');
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = unwrap(await kit.portal.downloadList({ customerId: kit.customerId, installCode: a, ...(after === undefined ? {} : { after }) }));
      pages.push(page.licenses.map((l) => l.licenseId));
      after = page.next ?? undefined;
    } while (after !== undefined);
    expect(pages.map((p) => p.length)).toEqual([DOWNLOAD_PAGE_ROWS, DOWNLOAD_PAGE_ROWS, kit.licenseIds.length - 2 * DOWNLOAD_PAGE_ROWS]);
    expect(pages.flat()).toEqual(kit.licenseIds);
    // A license another server took between two pages leaves the rest of the list where it was.
    unwrap(await kit.portal.activate({ customerId: kit.customerId, installCode: kit.installCode('b'), licenseIds: [kit.licenseIds[DOWNLOAD_PAGE_ROWS - 1]!] }));
    const second = unwrap(await kit.portal.downloadList({ customerId: kit.customerId, installCode: a, after: kit.licenseIds[DOWNLOAD_PAGE_ROWS - 1]! }));
    expect(second.licenses[0]?.licenseId).toBe(kit.licenseIds[DOWNLOAD_PAGE_ROWS]);
    expect(await kit.portal.downloadList({ customerId: kit.customerId, installCode: a, after: 'L-nope' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'after' } });
  });

  it('[SS-5] binds the selected licenses to the install code and signs a file for each; other servers no longer see them', async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 1 });
    const [a, b] = [kit.installCode('a'), kit.installCode('b')];
    const [cap1, , maint] = kit.licenseIds;
    const files = unwrap(await kit.portal.activate({ customerId: kit.customerId, installCode: a, licenseIds: [cap1!, maint!] }));
    expect(files.map((f) => unwrap(openLicenseFile(f, kit.t.server.vendorPublicKey, a)))).toMatchObject([
      { licenseId: cap1, featureCode: 'SS-CAPACITY', count: 100, hardwareId: a },
      { licenseId: maint, featureCode: 'SS-MAINTENANCE', hardwareId: a },
    ]);
    expect(unwrap(await kit.portal.downloadList({ customerId: kit.customerId, installCode: b })).licenses.map((r) => r.licenseId)).toEqual([kit.licenseIds[1]]);
    // The server that holds them still sees them, so an activation cut short can be finished.
    expect(unwrap(await kit.portal.downloadList({ customerId: kit.customerId, installCode: a })).licenses).toHaveLength(3);
    expect(unwrap(await kit.portal.activate({ customerId: kit.customerId, installCode: a, licenseIds: [cap1!] }))).toHaveLength(1);
    const listed = unwrap(await kit.portal.listForCustomer({ customerId: kit.customerId }));
    expect(listed.map((l) => l.activatedOn)).toEqual([a, null, a]);
    expect(listed[0]!.segmentController).toBe(a);
  });

  it('[SS-5] of two servers activating the same license at once, exactly one gets it', async () => {
    kit = await smartserverPortalRig({ capacity: 1, maintenance: 0 });
    const [licenseId] = kit.licenseIds;
    const results = await Promise.all(['a', 'b', 'c'].map((n) => kit.portal.activate({ customerId: kit.customerId, installCode: kit.installCode(n), licenseIds: [licenseId!] })));
    expect(outcomes(results)).toEqual(['LICENSE_BOUND_ELSEWHERE', 'LICENSE_BOUND_ELSEWHERE', 'ok']);
  });

  it('[SS-5] refuses all of a selection when one license cannot be activated', async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 1 });
    const { portal, customerId, licenseIds, t } = kit;
    const [a, b] = [kit.installCode('a'), kit.installCode('b')];
    unwrap(await portal.activate({ customerId, installCode: b, licenseIds: [licenseIds[1]!] }));
    expect(await portal.activate({ customerId, installCode: a, licenseIds: [licenseIds[0]!, licenseIds[1]!] })).toMatchObject({ ok: false, error: { code: 'LICENSE_BOUND_ELSEWHERE' } });
    const other = unwrap(await portal.createCustomer({ partnerAccountId: 'partner', name: 'Other' }));
    expect(await portal.activate({ customerId: other.customerId, installCode: a, licenseIds: [licenseIds[0]!] })).toMatchObject({ ok: false, error: { code: 'LICENSE_OTHER_CUSTOMER' } });
    expect(await portal.activate({ customerId, installCode: a, licenseIds: ['nope'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await portal.activate({ customerId, installCode: a, licenseIds: [] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'licenseIds' } });
    await t.clock.advance(366 * DAY_MS);
    expect(await portal.activate({ customerId, installCode: a, licenseIds: [licenseIds[2]!] })).toMatchObject({ ok: false, error: { code: 'LICENSE_INACTIVE' } });
    expect(unwrap(await portal.listForCustomer({ customerId })).map((l) => l.activatedOn)).toEqual([null, b, null]);
  });
});
