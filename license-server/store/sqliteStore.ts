import Database from 'better-sqlite3';
import { StoreConflict, type Store, type StoreTx } from './Store.ts';
import { sqlTables } from './sql/sqlTables.ts';
import { SQLITE_SCHEMA } from './sqliteSchema.ts';
import type { Row, SqlDriver, SqlValue } from './sql/SqlDriver.ts';

export interface SqliteStoreOptions {
  /** A database file, created if missing, or `:memory:` for a store that lives as long as the process. */
  path: string;
}

/**
 * The embedded store. better-sqlite3 is synchronous and holds one connection, so transactions
 * are queued and run one at a time: `work` may await between statements without another
 * transaction's statements slipping in. BEGIN IMMEDIATE takes the write lock up front, which
 * serialises writers across processes sharing the file too.
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const db = new Database(options.path);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (options.path !== ':memory:') db.pragma('journal_mode = WAL');
  db.exec(SQLITE_SCHEMA);

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function runTransaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    const session = { open: true };
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(sqlTables(sessionDriver(prepare, session)));
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      session.open = false;
    }
  }

  return {
    dialect: 'sqlite',
    transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('the SQLite store is closed'));
      const run = queue.then(() => runTransaction(work));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      db.close();
    },
  };
}

/** A driver valid for one transaction: a table object kept past its end refuses to run. */
function sessionDriver(prepare: (sql: string) => Database.Statement, session: { open: boolean }): SqlDriver {
  const statement = (sql: string): Database.Statement => {
    if (!session.open) throw new Error('store used after its transaction ended');
    return prepare(sql);
  };
  return {
    forUpdate: '',
    async all(sql: string, params: readonly SqlValue[] = []) {
      return guard(() => {
        const s = statement(sql);
        if (s.reader) return s.all(...params) as Row[];
        s.run(...params);
        return [];
      });
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return guard(() => statement(sql).run(...params).changes);
    },
  };
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      // "UNIQUE constraint failed: facet_records.kind, facet_records.id"
      const table = /failed: (\w+)\./.exec(e.message ?? '')?.[1] ?? 'unknown';
      throw new StoreConflict(table, error);
    }
    throw error;
  }
}
