import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;

describe('SmartServer cloud: transfer to the cloud', () => {
  let kit: Kit;
  afterEach(async () => kit.t.close());

  it('[SS-6] returns every license of the server to the cloud, dated, to be activated here or on another server', async () => {
    kit = await smartserverPortalRig({ capacity: 2, maintenance: 1 });
    const { portal, customerId, licenseIds, t } = kit;
    const [a, b] = [kit.installCode('a'), kit.installCode('b')];
    unwrap(await portal.activate({ customerId, installCode: a, licenseIds }));
    await t.clock.advance(60_000);
    const result = unwrap(await portal.transfer({ installCode: a }));
    expect(result).toEqual({ transferred: licenseIds, transferDate: t.clock.now() });
    const listed = unwrap(await portal.listForCustomer({ customerId }));
    expect(listed.map((l) => [l.activatedOn, l.segmentController, l.transferDate])).toEqual(licenseIds.map(() => [null, a, t.clock.now()]));
    const issued = await t.store.transaction((tx) => tx.issuances.listByLicense(licenseIds[0]!));
    expect(issued.every((i) => i.revokedAt === t.clock.now())).toBe(true);
    expect(unwrap(await portal.activate({ customerId, installCode: b, licenseIds: [licenseIds[0]!] }))).toHaveLength(1);
  });

  it('[SS-6] refuses a second transfer in a row with NOTHING_TO_TRANSFER and changes nothing', async () => {
    kit = await smartserverPortalRig({ capacity: 1, maintenance: 1 });
    const { portal, customerId, licenseIds } = kit;
    const a = kit.installCode('a');
    unwrap(await portal.activate({ customerId, installCode: a, licenseIds }));
    unwrap(await portal.transfer({ installCode: a }));
    const before = unwrap(await portal.listForCustomer({ customerId }));
    expect(await portal.transfer({ installCode: a })).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_TRANSFER' } });
    expect(unwrap(await portal.listForCustomer({ customerId }))).toEqual(before);
    expect(await portal.transfer({ installCode: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'installCode' } });
    const refused = (await kit.t.server.audit()).filter((e) => e.action === 'smartserver.license.transfer' && e.outcome === 'refused');
    expect(refused).toHaveLength(1); // bad input is refused before any operation runs
  });
});
