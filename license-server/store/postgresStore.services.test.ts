import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from './postgresStore.ts';
import { storeContract } from './storeContract.ts';
import type { Store } from './Store.ts';
import { openPostgresTestStore, TEST_POSTGRES, type PostgresTestStore } from '../testing/postgresTestStore.ts';

storeContract('PostgreSQL', openPostgresTestStore);

describe('PostgreSQL store', () => {
  let first: PostgresTestStore;
  let second: Store;
  beforeAll(async () => {
    first = await openPostgresTestStore();
    second = await openPostgresStore({ connectionString: TEST_POSTGRES, schema: first.schema, maxConnections: 3 });
  });
  afterAll(async () => {
    await second?.close();
    await first?.dispose();
  });

  it('refuses a schema name that is not a plain SQL name', async () => {
    await expect(openPostgresStore({ connectionString: TEST_POSTGRES, schema: 'x; DROP TABLE y' })).rejects.toThrow(/schema/);
  });

  it('[GW-8] keeps one test-license grant per device even when two server processes race for it', async () => {
    const grant = (store: Store, licenseId: string) => store.transaction(async (tx) => {
      await tx.records.insert({ kind: 'gateway.testLicense', id: 'HW-1', accountId: null, data: { licenseId }, updatedAt: 0 });
    });
    const outcomes = await Promise.allSettled([grant(first.store, 't1'), grant(second, 't2')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await second.transaction(async (tx) => tx.records.list('gateway.testLicense'))).toHaveLength(1);
  });
});
