import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../store/postgresStore.ts';
import type { Store } from '../store/Store.ts';

/** The machine's PostgreSQL that `npm run test:services` expects (trust auth). */
export const TEST_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresTestStore {
  store: Store;
  schema: string;
  /** Runs raw SQL in the schema, past the Store interface. */
  tamper(sql: string): Promise<void>;
  /** Closes the store and drops the schema. */
  dispose(): Promise<void>;
}

/**
 * A store in a fresh schema `fleetrig_test_<random>`, so runs never see each other's rows.
 * Fails loudly, never skips, when the database is not there.
 */
export async function openPostgresTestStore(): Promise<PostgresTestStore> {
  // Test schemas need only be unique, not reproducible: node:crypto, not the seeded Random.
  const schema = `fleetrig_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL not reachable at 127.0.0.1:5432 (${(error as Error).message})`, { cause: error });
  }
  const store = await openPostgresStore({ connectionString: TEST_POSTGRES, schema });
  return {
    store,
    schema,
    async tamper(sql) {
      await admin.query(`SET search_path TO ${schema}`);
      await admin.query(sql);
    },
    async dispose() {
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
