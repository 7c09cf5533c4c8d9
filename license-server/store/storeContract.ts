import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreConflict, type Store } from './Store.ts';
import type { Account, License, Order } from '../core/types.ts';

/**
 * The contract every Store implementation keeps, run by `sqliteStore.test.ts` and
 * `postgresStore.services.test.ts`. `tamper` runs raw SQL past the Store interface, to show the
 * database itself refuses what the interface does not offer.
 */
export interface StoreUnderTest {
  store: Store;
  tamper?: (sql: string) => Promise<void>;
  dispose: () => Promise<void>;
}

const T0 = Date.UTC(2026, 0, 1);

const account = (id: string, parentId: string | null = null): Account => ({ id, name: `Account ${id}`, parentId, createdAt: T0 });

const order = (id: string, key: string): Order => ({
  id,
  accountId: 'acme',
  activationKey: key,
  items: [
    { featureCode: 'PBX-MOBILITY', count: 10, transactionType: 'New', termDays: null, start: null },
    { featureCode: 'GW-CHANNELS', count: 4, transactionType: 'Addon', termDays: 365, start: T0 + 1000 },
  ],
  createdAt: T0,
  activatedAt: null,
  activatedBy: null,
});

const license = (id: string, overrides: Partial<License> = {}): License => ({
  id,
  accountId: 'acme',
  orderId: null,
  activationKey: null,
  featureCode: 'PBX-MOBILITY',
  count: 10,
  transactionType: 'New',
  kind: 'standard',
  start: T0,
  end: null,
  hardwareId: null,
  createdAt: T0,
  ...overrides,
});

export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name} store contract`, () => {
    let sut: StoreUnderTest;
    let store: Store;
    beforeEach(async () => {
      sut = await open();
      store = sut.store;
      await store.transaction(async (tx) => {
        await tx.accounts.insert(account('acme'));
      });
    });
    afterEach(async () => {
      await sut.dispose();
    });

    it('keeps accounts and their child accounts', async () => {
      await store.transaction(async (tx) => {
        await tx.accounts.insert(account('customer-b', 'acme'));
        await tx.accounts.insert(account('customer-a', 'acme'));
      });
      const [acme, children, missing] = await store.transaction(async (tx) =>
        Promise.all([tx.accounts.get('acme'), tx.accounts.listChildren('acme'), tx.accounts.get('nobody')]));
      expect(acme).toEqual(account('acme'));
      expect(children.map((a) => a.id)).toEqual(['customer-b', 'customer-a']);
      expect(missing).toBeUndefined();
    });

    it('[GW-1] keeps orders under their activation key, which is unique', async () => {
      await store.transaction(async (tx) => tx.orders.insert(order('o1', 'AAAAAA-BBBBBB-CCCCC')));
      const found = await store.transaction(async (tx) => tx.orders.findByKey('AAAAAA-BBBBBB-CCCCC'));
      expect(found).toEqual(order('o1', 'AAAAAA-BBBBBB-CCCCC'));
      const activated = { ...found!, activatedAt: T0 + 5, activatedBy: 'acme' };
      expect(await store.transaction(async (tx) => tx.orders.update(activated))).toBe(true);
      expect(await store.transaction(async (tx) => tx.orders.get('o1'))).toEqual(activated);
      expect(await store.transaction(async (tx) => tx.orders.update({ ...activated, id: 'o9' }))).toBe(false);
      const duplicate = store.transaction(async (tx) => tx.orders.insert(order('o2', 'AAAAAA-BBBBBB-CCCCC')));
      await expect(duplicate).rejects.toMatchObject({ name: 'StoreConflict', table: 'orders' });
    });

    it('creates, reads, updates and lists licenses in creation order', async () => {
      await store.transaction(async (tx) => {
        await tx.licenses.insert(license('l2'));
        await tx.licenses.insert(license('l1', { end: T0 + 86_400_000, transactionType: 'Trial' }));
      });
      const l1 = await store.transaction(async (tx) => tx.licenses.get('l1'));
      expect(l1).toEqual(license('l1', { end: T0 + 86_400_000, transactionType: 'Trial' }));
      const changed = { ...l1!, count: 25, end: null };
      expect(await store.transaction(async (tx) => tx.licenses.update(changed))).toBe(true);
      const listed = await store.transaction(async (tx) => tx.licenses.listByAccount('acme'));
      expect(listed).toEqual([license('l2'), changed]);
      expect(await store.transaction(async (tx) => tx.licenses.get('nope'))).toBeUndefined();
      expect(await store.transaction(async (tx) => tx.licenses.update(license('nope')))).toBe(false);
    });

    it('[SS-4] pages an account\'s licenses of some features, unbound or bound to one device, in creation order', async () => {
      await store.transaction(async (tx) => {
        for (const [id, overrides] of [
          ['p1', { featureCode: 'SS-CAPACITY' }], ['p2', { featureCode: 'SS-CAPACITY', hardwareId: 'HW-B' }], ['p3', { featureCode: 'SS-MAINTENANCE', hardwareId: 'HW-A' }],
          ['p4', { featureCode: 'PBX-MOBILITY' }], ['p5', { featureCode: 'SS-CAPACITY' }],
        ] as const) await tx.licenses.insert(license(id, overrides));
      });
      const page = (after?: string, limit = 2) => store.transaction(async (tx) =>
        (await tx.licenses.pageForHardware({ accountId: 'acme', featureCodes: ['SS-CAPACITY', 'SS-MAINTENANCE'], hardwareId: 'HW-A', ...(after === undefined ? {} : { after }), limit })).map((l) => l.id));
      expect(await page()).toEqual(['p1', 'p3']);
      expect(await page('p3')).toEqual(['p5']);
      expect(await page('p2', 10)).toEqual(['p3', 'p5']);
      expect(await page('nope')).toEqual([]);
    });

    it('[GW-2] finds the licenses bound to a hardware ID', async () => {
      await store.transaction(async (tx) => {
        await tx.licenses.insert(license('l1', { hardwareId: 'HW-1' }));
        await tx.licenses.insert(license('l2'));
        await tx.licenses.insert(license('l3', { hardwareId: 'HW-1' }));
      });
      await store.transaction(async (tx) => tx.licenses.update(license('l2', { hardwareId: 'HW-2' })));
      const [one, two] = await store.transaction(async (tx) =>
        Promise.all([tx.licenses.listByHardware('HW-1'), tx.licenses.listByHardware('HW-2')]));
      expect(one.map((l) => l.id)).toEqual(['l1', 'l3']);
      expect(two.map((l) => l.id)).toEqual(['l2']);
    });

    it('[GW-3] moving a license revokes the nonces issued to the old device only', async () => {
      await store.transaction(async (tx) => {
        await tx.licenses.insert(license('l1', { hardwareId: 'HW-OLD' }));
        for (const [nonce, hw] of [['n1', 'HW-OLD'], ['n2', 'HW-OLD'], ['n3', 'HW-OTHER']] as const) {
          await tx.issuances.insert({ nonce, licenseId: 'l1', hardwareId: hw, issuedAt: T0, revokedAt: null });
        }
      });
      const revoked = await store.transaction(async (tx) => {
        await tx.licenses.update(license('l1', { hardwareId: 'HW-NEW' }));
        return tx.issuances.revoke({ licenseId: 'l1', hardwareId: 'HW-OLD', at: T0 + 7 });
      });
      expect(revoked).toEqual(['n1', 'n2']);
      const again = await store.transaction(async (tx) => tx.issuances.revoke({ licenseId: 'l1', hardwareId: 'HW-OLD', at: T0 + 8 }));
      expect(again).toEqual([]);
      const all = await store.transaction(async (tx) => tx.issuances.listByLicense('l1'));
      expect(all.map((i) => [i.nonce, i.revokedAt])).toEqual([['n1', T0 + 7], ['n2', T0 + 7], ['n3', null]]);
      expect(await store.transaction(async (tx) => tx.issuances.get('n3'))).toMatchObject({ hardwareId: 'HW-OTHER' });
    });

    it('inserts a record only once under its kind and ID, enforced by the database (what GW-8 relies on)', async () => {
      const grant = (licenseId: string) => ({ kind: 'gateway.testLicense', id: 'HW-1', accountId: null, data: { licenseId }, updatedAt: T0 });
      await store.transaction(async (tx) => tx.records.insert(grant('t1')));
      const second = store.transaction(async (tx) => tx.records.insert(grant('t2')));
      await expect(second).rejects.toBeInstanceOf(StoreConflict);
      await expect(second).rejects.toMatchObject({ table: 'facet_records' });
      expect(await store.transaction(async (tx) => tx.records.get('gateway.testLicense', 'HW-1'))).toMatchObject({ data: { licenseId: 't1' } });
    });

    it('[TM-3] remembers a device request ID once per hardware ID, for good', async () => {
      const seen = (hardwareId: string, requestId: string) =>
        store.transaction((tx) => tx.deviceRequests.remember({ hardwareId, requestId, op: 'gateway.invalidate', at: T0 }));
      expect(await seen('HW-1', 'r1')).toBe(true);
      expect(await seen('HW-1', 'r1')).toBe(false);
      expect(await seen('HW-2', 'r1')).toBe(true);
      // A refusal in the same transaction leaves it usable: a statement that failed would have aborted it on PostgreSQL.
      const after = await store.transaction(async (tx) => {
        expect(await tx.deviceRequests.remember({ hardwareId: 'HW-1', requestId: 'r1', op: 'x', at: T0 })).toBe(false);
        await tx.accounts.insert(account('after-replay'));
        return tx.accounts.get('after-replay');
      });
      expect(after).toMatchObject({ id: 'after-replay' });
    });

    it('keeps the audit log append-only and in order', async () => {
      await store.transaction(async (tx) => {
        for (const action of ['order.create', 'key.activate', 'license.bind']) {
          await tx.audit.append({ at: T0, actor: 'vendor', action, subject: 's', outcome: 'ok', detail: { nested: { list: [1, 'two'] } } });
        }
      });
      const audit = await store.transaction(async (tx) => {
        expect(Object.keys(tx.audit).sort()).toEqual(['append', 'list']);
        return tx.audit.list();
      });
      expect(audit.map((e) => e.action)).toEqual(['order.create', 'key.activate', 'license.bind']);
      expect(audit[0]!.detail).toEqual({ nested: { list: [1, 'two'] } });
      expect(audit[1]!.seq).toBeGreaterThan(audit[0]!.seq);
      const tail = await store.transaction(async (tx) => tx.audit.list({ afterSeq: audit[0]!.seq, limit: 1 }));
      expect(tail.map((e) => e.action)).toEqual(['key.activate']);
      if (sut.tamper) {
        await expect(sut.tamper("UPDATE audit SET action = 'forged'")).rejects.toThrow(/append-only/);
        await expect(sut.tamper('DELETE FROM audit')).rejects.toThrow(/append-only/);
        expect(await store.transaction(async (tx) => tx.audit.list())).toEqual(audit);
      }
    });

    it('rolls a failed transaction back whole, leaving state intact', async () => {
      await store.transaction(async (tx) => tx.licenses.insert(license('kept')));
      const failing = store.transaction(async (tx) => {
        await tx.licenses.insert(license('lost'));
        await tx.licenses.update(license('kept', { hardwareId: 'HW-X' }));
        await tx.audit.append({ at: T0, actor: 'vendor', action: 'x', subject: 'y', outcome: 'ok', detail: {} });
        throw new Error('boom');
      });
      await expect(failing).rejects.toThrow('boom');
      const conflicting = store.transaction(async (tx) => {
        await tx.licenses.insert(license('also-lost'));
        await tx.licenses.insert(license('kept'));
      });
      await expect(conflicting).rejects.toMatchObject({ table: 'licenses' });
      const after = await store.transaction(async (tx) => ({
        licenses: await tx.licenses.listByAccount('acme'),
        audit: await tx.audit.list(),
      }));
      expect(after).toEqual({ licenses: [license('kept')], audit: [] });
    });

    it('refuses a table object used after its transaction ended', async () => {
      const leaked = await store.transaction(async (tx) => tx);
      await expect(leaked.licenses.get('kept')).rejects.toThrow(/after its transaction ended/);
    });

    it('keeps facet records under (kind, id), replacing on put', async () => {
      await store.transaction(async (tx) => {
        await tx.records.put({ kind: 'pool', id: 'p2', accountId: 'acme', data: { size: 5 }, updatedAt: T0 });
        await tx.records.put({ kind: 'pool', id: 'p1', accountId: null, data: { size: 1 }, updatedAt: T0 });
        await tx.records.put({ kind: 'token', id: 'p1', accountId: 'acme', data: {}, updatedAt: T0 });
        await tx.records.put({ kind: 'pool', id: 'p2', accountId: 'acme', data: { size: 6 }, updatedAt: T0 + 1 });
      });
      const [pools, mine, p2] = await store.transaction(async (tx) =>
        Promise.all([tx.records.list('pool'), tx.records.list('pool', { accountId: 'acme' }), tx.records.get('pool', 'p2')]));
      expect(pools.map((r) => r.id)).toEqual(['p2', 'p1']);
      expect(mine.map((r) => r.id)).toEqual(['p2']);
      expect(p2).toEqual({ kind: 'pool', id: 'p2', accountId: 'acme', data: { size: 6 }, updatedAt: T0 + 1 });
      expect(await store.transaction(async (tx) => tx.records.remove('pool', 'p2'))).toBe(true);
      expect(await store.transaction(async (tx) => tx.records.remove('pool', 'p2'))).toBe(false);
    });

    it('never over-assigns a pool under 60 concurrent read-then-write transactions', async () => {
      await store.transaction(async (tx) => tx.records.put({ kind: 'pool', id: 'p', accountId: null, data: { size: 25, used: 0 }, updatedAt: T0 }));
      const claim = (): Promise<boolean> => store.transaction(async (tx) => {
        const pool = await tx.records.get('pool', 'p', { forUpdate: true });
        const { size, used } = pool!.data as { size: number; used: number };
        if (used >= size) return false;
        await tx.records.put({ ...pool!, data: { size, used: used + 1 } });
        return true;
      });
      const granted = await Promise.all(Array.from({ length: 60 }, claim));
      expect(granted.filter(Boolean)).toHaveLength(25);
      expect((await store.transaction(async (tx) => tx.records.get('pool', 'p')))!.data).toEqual({ size: 25, used: 25 });
    });
  });
}
