import type { Store } from '../../license-server/store/Store.ts';

/** What one store remembers of the services that ran on it. */
export interface ServiceSession {
  /** The seed of the first service on this store: keys derive from it, whatever a later `--seed` says. */
  readonly seed: number;
  /** 1 for a new store, then one more each start: salts the ID streams (createLicenseServer's `session`). */
  readonly start: number;
  /** Virtual time when the last service stopped (or last saved it); null on a new store. */
  readonly virtualNow: number | null;
}

const KIND = 'service.session';
const ID = 'service';

/**
 * Counts this start on the store and returns the session: the store's own seed and how far its
 * virtual time had got, so a restarted service resumes where the last one left off.
 */
export async function startSession(store: Store, options: { seed: number; at: number }): Promise<ServiceSession> {
  return store.transaction(async (tx) => {
    const record = await tx.records.get(KIND, ID, { forUpdate: true });
    const earlier = record?.data as { seed?: number; start?: number; virtualNow?: number | null } | undefined;
    const session: ServiceSession = {
      seed: typeof earlier?.seed === 'number' ? earlier.seed : options.seed,
      start: (typeof earlier?.start === 'number' ? earlier.start : 0) + 1,
      virtualNow: typeof earlier?.virtualNow === 'number' ? earlier.virtualNow : null,
    };
    await tx.records.put({ kind: KIND, id: ID, accountId: null, data: { ...session }, updatedAt: options.at });
    return session;
  });
}

/** Records how far virtual time has got, so the next start does not go back in time. */
export async function saveVirtualNow(store: Store, session: ServiceSession, virtualNow: number): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.records.put({ kind: KIND, id: ID, accountId: null, data: { ...session, virtualNow }, updatedAt: virtualNow });
  });
}
