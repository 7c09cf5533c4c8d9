import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../../protocol/result.ts';
import { openPostgresTestStore, type PostgresTestStore } from '../../testing/postgresTestStore.ts';
import { smartserverPortalRig } from './testing/smartserverPortalRig.ts';

type Kit = Awaited<ReturnType<typeof smartserverPortalRig>>;
const outcomes = (results: Result<unknown>[]): string[] => results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();

describe('SmartServer portal on PostgreSQL, under concurrent requests', () => {
  let pg: PostgresTestStore;
  let kit: Kit;
  beforeEach(async () => {
    pg = await openPostgresTestStore();
    kit = await smartserverPortalRig({ capacity: 1, maintenance: 0, store: pg.store });
  });
  afterEach(async () => {
    await kit.t.server.close();
    await pg.dispose();
  });

  it('[SS-5] activates a license on one of five servers racing for it', async () => {
    const [licenseId] = kit.licenseIds;
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => kit.portal.activate({ customerId: kit.customerId, installCode: kit.installCode(n), licenseIds: [licenseId!] })));
    expect(outcomes(results)).toEqual([...Array(4).fill('LICENSE_BOUND_ELSEWHERE'), 'ok']);
  });

  it('[SS-6] transfers a server\'s licenses once when it asks three times at once', async () => {
    const installCode = kit.installCode('a');
    unwrap(await kit.portal.activate({ customerId: kit.customerId, installCode, licenseIds: kit.licenseIds }));
    const results = await Promise.all([1, 2, 3].map(() => kit.portal.transfer({ installCode })));
    expect(outcomes(results)).toEqual(['NOTHING_TO_TRANSFER', 'NOTHING_TO_TRANSFER', 'ok']);
  });

  it('[SS-2] gives a partner one customer of a name when two create it at once', async () => {
    const results = await Promise.all([1, 2].map(() => kit.portal.createCustomer({ partnerAccountId: 'partner', name: 'Twin' })));
    expect(outcomes(results)).toEqual(['CONFLICT', 'ok']);
  });
});
