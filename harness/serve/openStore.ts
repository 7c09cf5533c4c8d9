import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openPostgresStore } from '../../license-server/store/postgresStore.ts';
import { openSqliteStore } from '../../license-server/store/sqliteStore.ts';
import type { Store } from '../../license-server/store/Store.ts';

/** Where `fleetrig serve` keeps what it knows unless `--store` says otherwise. */
export const DEFAULT_STORE = '.fleetrig/fleetrig.db';

/** `--store :memory:` (what `--demo` uses): an SQLite store in memory, gone when the service stops. */
export const MEMORY_STORE = ':memory:';

export interface OpenedStore {
  readonly store: Store;
  /** What the first line of `serve` shows: the file's absolute path, or the URL without its password. */
  readonly description: string;
}

/**
 * `--store`: a `postgres://` or `postgresql://` URL opens PostgreSQL; anything else is a SQLite
 * file, created with its folder if missing. Rejects, naming the store, when it cannot be opened.
 */
export async function openStore(spec: string): Promise<OpenedStore> {
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const url = new URL(spec);
    if (url.password !== '') url.password = '***';
    return { store: await openPostgresStore({ connectionString: spec }), description: url.toString() };
  }
  // Demo mode's store: nothing kept, a fresh one on every (re)start.
  if (spec === MEMORY_STORE) return { store: openSqliteStore({ path: ':memory:' }), description: 'in memory (demo mode)' };
  const path = resolve(spec);
  makeFolders(dirname(path));
  return { store: openSqliteStore({ path }), description: path };
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdirSync never returns under a folder that
 * refuses new entries without saying EACCES (`/proc/x`), where this throws ENOENT at once.
 */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let at = folder; !existsSync(at); at = dirname(at)) missing.unshift(at);
  for (const at of missing) mkdirSync(at);
}
