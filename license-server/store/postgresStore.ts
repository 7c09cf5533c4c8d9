import pg from 'pg';
import { StoreConflict, type Store, type StoreTx } from './Store.ts';
import { sqlTables } from './sql/sqlTables.ts';
import { POSTGRES_SCHEMA } from './postgresSchema.ts';
import type { Row, SqlDriver, SqlValue } from './sql/SqlDriver.ts';

export interface PostgresStoreOptions {
  /** e.g. `postgres://postgres@127.0.0.1:5432/test` */
  connectionString: string;
  /** Schema holding the tables, created if missing; `public` by default. */
  schema?: string;
  /** Most connections held at once; 10 by default. */
  maxConnections?: number;
  /** Drops the schema and everything in it first: a fresh store (a split fleet's shard 1, before each scenario). */
  fresh?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The shared store for several license-server processes. Transactions run concurrently on
 * pooled connections at READ COMMITTED; rules that read before they write lock their rows with
 * `{ forUpdate: true }`. Rejects when the database cannot be reached or the schema not made.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new RangeError(`schema: '${schema}' is not a plain lower-case SQL name`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  // An idle connection dropped by the server must not take the process down; the next query
  // on a fresh connection reports the problem instead.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, schema, options.fresh === true);
  } catch (error) {
    await pool.end();
    throw error;
  }

  let closed = false;
  return {
    dialect: 'postgres',
    async transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
      if (closed) throw new Error('the PostgreSQL store is closed');
      const client = await pool.connect();
      const session = { open: true };
      try {
        await client.query('BEGIN');
        const result = await work(sqlTables(sessionDriver(client, session)));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        session.open = false;
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool, schema: string, fresh: boolean): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fleetrig:${schema}`]);
    if (fresh) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(POSTGRES_SCHEMA);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A driver valid for one transaction. One connection runs one query at a time, so queries
 * issued together (`Promise.all` inside `work`) are queued here rather than in pg.
 */
function sessionDriver(client: pg.PoolClient, session: { open: boolean }): SqlDriver {
  let queue: Promise<unknown> = Promise.resolve();
  const send = async (sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> => {
    if (!session.open) throw new Error('store used after its transaction ended');
    try {
      return await client.query(numbered(sql), [...params]);
    } catch (error) {
      const e = error as { code?: string; table?: string };
      if (e.code === '23505') throw new StoreConflict(e.table ?? 'unknown', error);
      throw error;
    }
  };
  const query = (sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> => {
    const result = queue.then(() => send(sql, params));
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    forUpdate: ' FOR UPDATE',
    async all(sql, params = []) {
      return (await query(sql, params)).rows as Row[];
    },
    async run(sql, params = []) {
      return (await query(sql, params)).rowCount ?? 0;
    },
  };
}

/** `?` placeholders to PostgreSQL's `$1, $2, …` (the shared SQL has no `?` in literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
