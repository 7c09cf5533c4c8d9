import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { openPostgresTestStore, type PostgresTestStore } from '../../testing/postgresTestStore.ts';
import { gatewayModule } from './gatewayModule.ts';

const outcomes = (results: Result<unknown>[]): string[] => results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();

describe('gateway portal on PostgreSQL, under concurrent requests', () => {
  let pg: PostgresTestStore;
  let t: TestServer;
  beforeEach(async () => {
    pg = await openPostgresTestStore();
    t = await createTestServer({ store: pg.store });
  });
  afterEach(async () => {
    await t.server.close();
    await pg.dispose();
  });

  it('[GW-8] issues one test license when a device asks ten times at once', async () => {
    const hardwareId = t.device('gw1').hardwareId;
    const results = await Promise.all(Array.from({ length: 10 }, () => t.server.portal(gatewayModule).issueTestLicense({ hardwareId })));
    expect(outcomes(results)).toEqual([...Array(9).fill('TEST_LICENSE_ALREADY_ISSUED'), 'ok']);
  });

  it('[GW-2] binds a license to one of five devices racing for it', async () => {
    const [licenseId] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((d) => t.server.portal(gatewayModule).bind({ licenseId: licenseId!, hardwareId: t.device(d).hardwareId })));
    expect(outcomes(results)).toEqual([...Array(4).fill('LICENSE_BOUND_ELSEWHERE'), 'ok']);
  });

  it('[GW-1] activates a key once when five accounts race for it', async () => {
    const { activationKey } = unwrap(await t.server.core.createOrder({ accountId: 'v', items: [{ featureCode: 'F', count: 1 }] }));
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((accountId) => t.server.core.activate({ accountId, activationKey })));
    expect(outcomes(results)).toEqual([...Array(4).fill('ACTIVATION_KEY_USED'), 'ok']);
    const activations = (await t.server.audit()).filter((e) => e.action === 'key.activate');
    expect(activations.map((e) => e.outcome).sort()).toEqual(['ok', 'refused', 'refused', 'refused', 'refused']);
  });

  it('[GW-3] moves a license and revokes the old device\'s files on PostgreSQL too', async () => {
    const [licenseId] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    const [from, to] = [t.device('old').hardwareId, t.device('new').hardwareId];
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: licenseId!, hardwareId: from }));
    unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: from }));
    unwrap(await t.server.portal(gatewayModule).move({ licenseId: licenseId!, toHardwareId: to }));
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: from }))).toEqual([]);
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: to }))).toHaveLength(1);
    const [issued] = await pg.store.transaction((tx) => tx.issuances.listByLicense(licenseId!));
    expect(issued).toMatchObject({ hardwareId: from, revokedAt: t.clock.now() });
  });
});
