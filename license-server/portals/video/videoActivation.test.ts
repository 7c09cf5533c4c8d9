import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { videoModule } from './videoModule.ts';

describe('video portal: activate a License Activation Key', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[CL-2] activates the purchased licenses; their CLARITI-* features become entitlement pools', async () => {
    const order = unwrap(await t.server.core.createOrder({ accountId: 'vendor', items: [
      { featureCode: 'CLARITI-PORTS', count: 10 }, { featureCode: 'CLARITI-PORTS', count: 5, termDays: 365 }, { featureCode: 'CLARITI-USERS', count: 100 }, { featureCode: 'Mobility', count: 3 },
    ] }));
    const licenses = unwrap(await t.server.core.activate({ accountId: 'acme', activationKey: order.activationKey.toLowerCase() }));
    expect(licenses.map((l) => [l.featureCode, l.count, l.status])).toEqual([
      ['CLARITI-PORTS', 10, 'Active'], ['CLARITI-PORTS', 5, 'Active'], ['CLARITI-USERS', 100, 'Active'], ['Mobility', 3, 'Active'],
    ]);
    expect(unwrap(await t.server.portal(videoModule).listEntitlements({ accountId: 'acme' }))).toEqual([
      { featureCode: 'CLARITI-PORTS', total: 15, assigned: 0, available: 15, assignments: {} },
      { featureCode: 'CLARITI-USERS', total: 100, assigned: 0, available: 100, assignments: {} },
    ]);
    await t.clock.advance(366 * DAY_MS);
    const [portsLater] = unwrap(await t.server.portal(videoModule).listEntitlements({ accountId: 'acme' }));
    expect(portsLater).toMatchObject({ featureCode: 'CLARITI-PORTS', total: 10 });
  });

  it('[CL-2] refuses a mistyped key naming the position, and a key used before', async () => {
    const { activationKey } = unwrap(await t.server.core.createOrder({ accountId: 'vendor', items: [{ featureCode: 'CLARITI-PORTS', count: 10 }] }));
    const typo = `${activationKey.slice(0, 2)}${activationKey[2] === 'X' ? 'Y' : 'X'}${activationKey.slice(3)}`;
    expect(await t.server.core.activate({ accountId: 'acme', activationKey: typo })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: 'position 3' } });
    unwrap(await t.server.core.activate({ accountId: 'acme', activationKey }));
    expect(await t.server.core.activate({ accountId: 'acme', activationKey })).toMatchObject({ ok: false, error: { code: 'ACTIVATION_KEY_USED' } });
    expect(await t.server.core.activate({ accountId: 'bad id', activationKey })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'accountId' } });
    expect((await t.server.audit()).map((e) => [e.action, e.outcome])).toContainEqual(['key.activate', 'refused']);
  });

  it('lists entitlements only for accounts it knows', async () => {
    expect(await t.server.portal(videoModule).listEntitlements({ accountId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'accountId' } });
  });
});
