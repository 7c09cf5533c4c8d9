import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqliteStore.ts';
import { storeContract } from './storeContract.ts';

storeContract('SQLite in memory', async () => {
  const store = openSqliteStore({ path: ':memory:' });
  return { store, dispose: () => store.close() };
});

storeContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-store-'));
  const path = join(dir, 'licenses.db');
  const store = openSqliteStore({ path });
  const raw = new Database(path);
  return {
    store,
    tamper: async (sql) => {
      raw.exec(sql);
    },
    dispose: async () => {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store', () => {
  it('keeps its data in the file across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-store-'));
    const path = join(dir, 'licenses.db');
    try {
      const first = openSqliteStore({ path });
      await first.transaction(async (tx) => tx.accounts.insert({ id: 'acme', name: 'Acme', parentId: null, createdAt: 1 }));
      await first.close();
      const second = openSqliteStore({ path });
      expect(await second.transaction(async (tx) => tx.accounts.get('acme'))).toMatchObject({ name: 'Acme' });
      await second.close();
      await expect(second.transaction(async () => 1)).rejects.toThrow(/closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
