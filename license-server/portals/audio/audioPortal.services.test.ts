import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { PortalRole } from './portalUsers.ts';
import { openPostgresTestStore, type PostgresTestStore } from '../../testing/postgresTestStore.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

const outcomes = (results: Result<unknown>[]): string[] => results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();

describe('device-management portal on PostgreSQL, under concurrent requests', () => {
  let pg: PostgresTestStore;
  let r: AudioPortalRig;
  beforeEach(async () => {
    pg = await openPostgresTestStore();
    r = await createAudioPortalRig({ store: pg.store });
  });
  afterEach(async () => {
    await r.t.server.close();
    await pg.dispose();
  });

  it('[PC-7] takes exactly as many of six racing devices as the bound allows, all with the one token drawn', async () => {
    await r.activate([{ featureCode: 'PDMS-AUDIO', count: 3, transactionType: 'New' }]);
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((d) => r.enroll(d)));
    expect(outcomes(results)).toEqual(['MANAGED_DEVICE_LIMIT', 'MANAGED_DEVICE_LIMIT', 'MANAGED_DEVICE_LIMIT', 'ok', 'ok', 'ok']);
    expect(unwrap(await r.portal.summary(r.admin)).managedDevices['PDMS-AUDIO']).toEqual({ used: 3, allowed: 3 });
  });

  it('[PC-6] renews a term once when two License Admins renew it at once', async () => {
    const [term] = (await r.activate([{ featureCode: 'PDMS-AUDIO', count: 3, transactionType: 'New' }])).licenses;
    await r.clock.advanceTo(term!.endTime! - 10 * DAY_MS);
    const results = await Promise.all([1, 2].map(() => r.portal.renew(r.admin, { licenseId: term!.recordId })));
    expect(outcomes(results)).toEqual(['NOT_RENEWABLE', 'ok']);
    expect(unwrap(await r.portal.summary(r.admin))).toMatchObject({ total: 2, impending: 1 });
  });

  it('[PC-1] lets exactly one of racing sign-ups be the first user, on a new account and on one an order made', async () => {
    unwrap(await r.t.server.core.createOrder({ accountId: 'ordered', items: [{ featureCode: 'PDMS-AUDIO', count: 1 }] }));
    for (const accountId of ['newco', 'ordered']) {
      const users = ['nina', 'mallory', 'oscar', 'petra'];
      const results = await Promise.all(users.map((user) => r.portal.putUser({ accountId, user }, { name: user, roles: [PortalRole.AccountAdmin] })));
      const codes = outcomes(results);
      expect(codes.filter((c) => c === 'ok'), `${accountId}: ${codes.join(', ')}`).toHaveLength(1);
      // On a new account a loser may lose the race to create the account row itself (CONFLICT, try again).
      expect(codes.filter((c) => c !== 'ok').every((c) => c === 'FORBIDDEN' || (accountId === 'newco' && c === 'CONFLICT')), codes.join(', ')).toBe(true);
      const admins = await Promise.all(users.map(async (user) => (await r.portal.putUser({ accountId, user }, { name: 'probe', roles: [] })).ok));
      expect(admins.filter(Boolean), accountId).toHaveLength(1);
    }
  });
});
