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

  it('[GW-8] gives one test license per device even when two server processes race for it', async () => {
    await first.store.transaction(async (tx) => {
      await tx.licenses.insert({
        id: 't1', accountId: null, orderId: null, activationKey: null, featureCode: 'TEST', count: 1, transactionType: 'Trial',
        kind: 'test', start: 0, end: 1, hardwareId: 'HW-1', createdAt: 0,
      });
    });
    const grant = (store: Store) => store.transaction(async (tx) => {
      await tx.testLicenses.insert({ hardwareId: 'HW-1', licenseId: 't1', firstDownloadAt: 0 });
    });
    const outcomes = await Promise.allSettled([grant(first.store), grant(second)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await second.transaction(async (tx) => tx.testLicenses.get('HW-1'))).toMatchObject({ licenseId: 't1' });
  });
});
