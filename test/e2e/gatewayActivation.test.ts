import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { HOUR, DAY } from '../../emulator/clock/duration.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { createFactory, manufacture } from '../../emulator/identity/manufacture.ts';
import { createBoard } from '../../emulator/board/createBoard.ts';
import { createGateway } from '../../firmware-sim/gateway/createGateway.ts';
import { createLicenseServer } from '../../license-server/createLicenseServer.ts';
import { openSqliteStore } from '../../license-server/store/sqliteStore.ts';
import { unwrap } from '../../protocol/result.ts';
import { gatewayModule } from '../../license-server/portals/gateway/gatewayModule.ts';

/**
 * The core without the harness: a gateway board and its firmware, the license server, and an
 * in-memory wire between them, all on one virtual clock — from an activation key to a
 * licensed, running device.
 */
async function rig() {
  const clock = new VirtualClock();
  const random = createRandom('e2e');
  const factory = createFactory({ random: random.fork('factory'), clock });
  const store = openSqliteStore({ path: ':memory:' });
  const server = await createLicenseServer({ store, clock, random: random.fork('server'), manufacturerPublicKey: factory.manufacturerPublicKey });
  const device = (id: string) => {
    const wire = createMemoryLinkPair();
    server.serveLink(wire.b);
    const identity = manufacture(factory, { random: random.fork(id), family: 'gateway' });
    const board = createBoard({ id, clock, random: random.fork(`${id}/board`), identity, link: wire.a });
    const gateway = createGateway({ board, vendorPublicKey: server.vendorPublicKey });
    gateway.start();
    return { board, gateway, wire };
  };
  const running = async (gw: ReturnType<typeof device>['gateway']) => {
    expect(await clock.advanceUntil(() => gw.snapshot().state === 'running', 5 * 60_000)).toBe(true);
  };
  return { clock, server, store, device, running };
}

describe('gateway licensing end to end, in process', () => {
  it('[GW-1][GW-5][GW-6] goes from activation key to portal to download to reset to licensed', async () => {
    const { clock, server, store, device, running } = await rig();
    const gw1 = device('gw-001');
    await running(gw1.gateway);

    const order = unwrap(await server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'Mobility', count: 10, transactionType: 'New', termDays: 365 }] }));
    const licenses = unwrap(await server.core.activate({ accountId: 'acme', activationKey: order.activationKey }));
    expect(licenses).toHaveLength(1);
    unwrap(await server.portal(gatewayModule).bind({ licenseId: licenses[0]!.id, hardwareId: gw1.board.identity.hardwareId }));

    const downloaded = unwrap(await gw1.gateway.portal.download());
    expect(downloaded.installed).toEqual([licenses[0]!.id]);
    // [GW-5] installed, not yet in force
    expect(gw1.gateway.snapshot().pendingReset).toBe(true);
    expect(gw1.gateway.snapshot().licenses).toEqual([]);
    expect(gw1.gateway.pbx.addUser('alice').ok).toBe(true);
    expect(gw1.gateway.pbx.grant('alice', 'Mobility').ok).toBe(false);

    gw1.board.reset();
    await running(gw1.gateway);
    expect(gw1.gateway.snapshot().pendingReset).toBe(false);
    expect(gw1.gateway.snapshot().licenses.map((l) => [l.featureCode, l.count, l.status])).toEqual([['Mobility', 10, 'active']]);
    expect(unwrap(gw1.gateway.pbx.grant('alice', 'Mobility')).features).toContain('Mobility');

    // A year later the license has run out in the portal and on the device alike.
    await clock.advance(366 * DAY);
    const listed = unwrap(await server.core.listLicenses({ accountId: 'acme' }));
    expect(listed[0]!.status).toBe('Inactive');
    expect(gw1.gateway.snapshot().licenses[0]!.status).toBe('expired');

    const audit = await server.audit();
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['order.create', 'key.activate', 'license.bind']));
    await server.close();
    await store.close();
  });

  it('[GW-3][GW-2] a moved license leaves the old device on its next sync and works only on the new one', async () => {
    const { server, store, device, running } = await rig();
    const [a, b] = [device('gw-001'), device('gw-002')];
    await running(a.gateway);
    await running(b.gateway);
    const order = unwrap(await server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'Port', count: 4, transactionType: 'New', termDays: null }] }));
    const [license] = unwrap(await server.core.activate({ accountId: 'acme', activationKey: order.activationKey }));
    unwrap(await server.portal(gatewayModule).bind({ licenseId: license!.id, hardwareId: a.board.identity.hardwareId }));
    const [fileForA] = unwrap(await server.portal(gatewayModule).filesForDevice({ hardwareId: a.board.identity.hardwareId }));

    // [GW-2] A's file on B is refused, naming the reason.
    const onB = b.gateway.page.add(fileForA!);
    expect(onB.ok).toBe(false);
    if (!onB.ok) expect(onB.error.code).toBe('LICENSE_FOREIGN_HARDWARE');

    unwrap(a.gateway.page.add(fileForA!));
    unwrap(await server.portal(gatewayModule).move({ licenseId: license!.id, toHardwareId: b.board.identity.hardwareId }));
    expect(unwrap(await a.gateway.portal.download()).removed).toEqual([license!.id]);
    expect(unwrap(await b.gateway.portal.download()).installed).toEqual([license!.id]);
    // The old file cannot be brought back on A: it was installed once already.
    const replay = a.gateway.page.add(fileForA!);
    expect(replay.ok).toBe(false);
    if (!replay.ok) expect(replay.error.code).toBe('LICENSE_REPLAYED');
    await server.close();
    await store.close();
  });

  it('[GW-9] test mode needs no portal, ends after 8 hours with a reboot, and can be used again', async () => {
    const { clock, server, store, device, running } = await rig();
    const gw = device('gw-001');
    await running(gw.gateway);
    gw.wire.setUp(false);
    unwrap(gw.gateway.testMode.on());
    unwrap(gw.gateway.pbx.addUser('bob'));
    unwrap(gw.gateway.pbx.grant('bob', 'Video'));
    await clock.advance(8 * HOUR);
    expect(gw.gateway.snapshot().state).toBe('booting');
    await running(gw.gateway);
    expect(gw.gateway.testMode.isOn()).toBe(false);
    unwrap(gw.gateway.testMode.on());
    expect(gw.gateway.testMode.isOn()).toBe(true);
    await server.close();
    await store.close();
  });
});
