import { unwrap } from '../../core/result.ts';
import type { TestServer } from '../../testing/createTestServer.ts';
import type { Entitlement } from './entitlementPools.ts';
import { standardProduct, videoLicenses } from './testing/videoPortalRig.ts';
import { videoModule } from './videoModule.ts';

/**
 * [CL-6] `requests` products each asking for 1 of a CLARITI-PORTS pool of `pool`, all at once;
 * shared by the SQLite test and the PostgreSQL services test.
 */
export async function concurrentAssignments(t: TestServer, args: { requests: number; pool: number }) {
  await videoLicenses(t, 'acme', [{ featureCode: 'CLARITI-PORTS', count: args.pool }]);
  const products: string[] = [];
  for (let i = 0; i < args.requests; i++) products.push(await standardProduct(t, 'acme', `core-${i}`));
  const results = await Promise.all(products.map((productId) =>
    t.server.portal(videoModule).assignEntitlement({ accountId: 'acme', featureCode: 'CLARITI-PORTS', productId, count: 1 })));
  const [pool] = unwrap(await t.server.portal(videoModule).listEntitlements({ accountId: 'acme' })) as [Entitlement];
  return {
    granted: results.filter((r) => r.ok).length,
    refusals: results.flatMap((r) => (r.ok ? [] : [r.error.code])),
    pool,
  };
}
