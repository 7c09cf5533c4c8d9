import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { openPostgresTestStore, type PostgresTestStore } from '../../testing/postgresTestStore.ts';
import { concurrentAssignments } from './concurrentAssignments.fixture.ts';
import { standardProduct, videoLicenses } from './testing/videoPortalRig.ts';
import { videoModule } from './videoModule.ts';

describe('video portal on PostgreSQL, under concurrent requests', () => {
  let pg: PostgresTestStore;
  let t: TestServer;
  beforeEach(async () => {
    pg = await openPostgresTestStore();
    t = await createTestServer({ store: pg.store });
  });
  afterEach(async () => {
    await t.server.close();
    await pg.dispose();
  });

  it('[CL-6] 100 concurrent assignments against a pool of 10 leave exactly 10 assigned (PostgreSQL)', async () => {
    const outcome = await concurrentAssignments(t, { requests: 100, pool: 10 });
    expect(outcome.granted).toBe(10);
    expect(outcome.refusals).toEqual(Array(90).fill('ENTITLEMENT_EXHAUSTED'));
    expect(outcome.pool).toMatchObject({ total: 10, assigned: 10, available: 0 });
  });

  it('[CL-6] first assignments to a pool never written before still do not over-assign it', async () => {
    await videoLicenses(t, 'acme', [{ featureCode: 'CLARITI-PORTS', count: 3 }]);
    const products = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map(async (n) => standardProduct(t, 'acme', `core-${n}`)));
    const results = await Promise.all(products.map((productId) =>
      t.server.portal(videoModule).assignEntitlement({ accountId: 'acme', featureCode: 'CLARITI-PORTS', productId, count: 1 })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const [pool] = unwrap(await t.server.portal(videoModule).listEntitlements({ accountId: 'acme' }));
    expect(pool).toMatchObject({ assigned: 3, available: 0 });
    expect(Object.keys(pool!.assignments)).toHaveLength(3);
  });
});
