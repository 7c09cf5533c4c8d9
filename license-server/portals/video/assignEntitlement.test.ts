import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { concurrentAssignments } from './concurrentAssignments.fixture.ts';
import { standardProduct, videoLicenses } from './testing/videoPortalRig.ts';
import { videoModule } from './videoModule.ts';

describe('video portal: assign entitlements', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[CL-6] shares one pool among products by attribute count, and refuses to over-assign it', async () => {
    await videoLicenses(t, 'acme', [{ featureCode: 'CLARITI-PORTS', count: 10 }]);
    const [a, b] = [await standardProduct(t, 'acme', 'core-a'), await standardProduct(t, 'acme', 'core-b')];
    const assign = (productId: string, count: number) => t.server.portal(videoModule).assignEntitlement({ accountId: 'acme', featureCode: 'CLARITI-PORTS', productId, count });
    expect(unwrap(await assign(a, 6))).toEqual({ featureCode: 'CLARITI-PORTS', total: 10, assigned: 6, available: 4, assignments: { [a]: 6 } });
    const over = await assign(b, 5);
    expect(over).toMatchObject({ ok: false, error: { code: 'ENTITLEMENT_EXHAUSTED', where: 'count' } });
    if (!over.ok) expect(over.error.message).toContain('at most 4 is available');
    expect(unwrap(await assign(b, 4)).available).toBe(0);
    // The count is what the product holds afterwards: lowering one frees room for another.
    unwrap(await assign(a, 2));
    expect(unwrap(await assign(b, 8))).toMatchObject({ assigned: 10, assignments: { [a]: 2, [b]: 8 } });
    unwrap(await assign(a, 0));
    expect(unwrap(await t.server.portal(videoModule).listEntitlements({ accountId: 'acme' }))).toEqual([
      { featureCode: 'CLARITI-PORTS', total: 10, assigned: 8, available: 2, assignments: { [b]: 8 } },
    ]);
    expect(unwrap(await t.server.portal(videoModule).listProducts({ accountId: 'acme' })).map((p) => p.entitlements)).toEqual([{}, { 'CLARITI-PORTS': 8 }]);
  });

  it('[CL-6] 100 concurrent assignments against a pool of 10 leave exactly 10 assigned (SQLite)', async () => {
    const outcome = await concurrentAssignments(t, { requests: 100, pool: 10 });
    expect(outcome.granted).toBe(10);
    expect(outcome.refusals).toEqual(Array(90).fill('ENTITLEMENT_EXHAUSTED'));
    expect(outcome.pool).toMatchObject({ total: 10, assigned: 10, available: 0 });
  });

  it('[CL-6] refuses an entitlement the account does not have, and products of other accounts', async () => {
    await videoLicenses(t, 'acme', [{ featureCode: 'CLARITI-PORTS', count: 10 }, { featureCode: 'Mobility', count: 5 }]);
    const mine = await standardProduct(t, 'acme', 'core-a');
    const theirs = await standardProduct(t, 'rival', 'core-r');
    const assign = (featureCode: string, productId: string) => t.server.portal(videoModule).assignEntitlement({ accountId: 'acme', featureCode, productId, count: 1 });
    expect(await assign('CLARITI-USERS', mine)).toMatchObject({ ok: false, error: { code: 'ENTITLEMENT_UNKNOWN', where: 'featureCode' } });
    expect(await assign('Mobility', mine)).toMatchObject({ ok: false, error: { code: 'ENTITLEMENT_UNKNOWN' } });
    expect(await assign('CLARITI-PORTS', theirs)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'productId' } });
  });

  it('refuses bad input naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ count: -1 }, 'count'], [{ count: 1.5 }, 'count'], [{ productId: 'short' }, 'productId'], [{ productId: 'IIIIIIIIIIII' }, 'productId'],
      [{ featureCode: 'has space' }, 'featureCode'],
    ];
    for (const [override, where] of cases) {
      const input = { accountId: 'acme', featureCode: 'CLARITI-PORTS', productId: '0123456789AB', count: 1, ...override };
      expect(await t.server.portal(videoModule).assignEntitlement(input as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where } });
    }
  });
});
