import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import { DAY } from '../../emulator/clock/duration.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createBoard } from '../../emulator/board/createBoard.ts';
import { createFactory, manufacture } from '../../emulator/identity/manufacture.ts';
import { createLicenseServer } from '../../license-server/createLicenseServer.ts';
import { openSqliteStore } from '../../license-server/store/sqliteStore.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { tapLink } from '../transport/tapLink.ts';
import type { Transport } from '../transport/Transport.ts';
import type { FamilyModule } from '../families/FamilyModule.ts';
import type { PortalModule } from '../../license-server/portals/PortalModule.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import { World, type DeviceHandle } from './World.ts';
import { realTime, virtualTime } from './timeDrivers.ts';
import { describeFrame } from './describeFrame.ts';
import { fleetDeviceIds } from './fleetDeviceIds.ts';

export interface WorldOptions {
  scenario: Scenario;
  seed: number;
  realtime: boolean;
  families: ReadonlyMap<string, FamilyModule>;
  /** The license cloud's portals. */
  portals: readonly PortalModule<unknown>[];
  /** Builds the transport once the license server exists. */
  transport: (world: World) => Promise<Transport>;
}

export interface BuiltWorld {
  world: World;
  close(): Promise<void>;
}

/**
 * A fresh world for one scenario: clock, seeded random, an in-memory license store and server,
 * the scenario's orders placed, and the fleet manufactured, wired and powered on.
 */
export async function buildWorld(options: WorldOptions): Promise<Result<BuiltWorld>> {
  const { scenario, seed } = options;
  const virtual = options.realtime ? undefined : new VirtualClock();
  const clock = virtual ?? new WallClock();
  const random = createRandom(seed).fork(`${scenario.file}#${scenario.name}`);
  const factory = createFactory({ random: random.fork('factory'), clock });
  const store = openSqliteStore({ path: ':memory:' });
  const server = await createLicenseServer({
    store, clock, random: random.fork('server'), manufacturerPublicKey: factory.manufacturerPublicKey, portals: options.portals,
  });
  const world = new World(clock, virtual ? virtualTime(virtual) : realTime(clock), random, server);
  const transport = await options.transport(world);
  const close = async (): Promise<void> => {
    for (const d of world.devices.values()) d.appliance.stop();
    await transport.close();
    await server.close();
    await store.close();
  };

  for (const spec of scenario.portal.orders) {
    const placed = await server.core.createOrder({
      accountId: spec.account,
      // One license per unit of quantity: an order for 1,000 gateways holds 1,000 licenses.
      items: spec.items.flatMap((i) => Array.from({ length: i.quantity }, () => ({
        featureCode: i.feature, count: i.count, transactionType: i.type, termDays: i.term === undefined ? null : i.term / DAY,
      }))),
    });
    if (!placed.ok) {
      await close();
      return fail(placed.error.code, `portal order '${spec.id}': ${placed.error.message}`);
    }
    world.orders.set(spec.id, { spec, orderId: placed.value.orderId, activationKey: placed.value.activationKey, licenses: [] });
  }

  for (const entry of scenario.fleet) {
    const family = options.families.get(entry.family)!;
    for (const id of fleetDeviceIds(entry, family.prefix)) {
      if (world.devices.has(id)) {
        await close();
        return fail('SCENARIO_INVALID', `device ID ${id} is used twice; give the fleet entries distinct prefixes`);
      }
      world.devices.set(id, await addDevice(world, family, id, factory, transport, entry.variant));
    }
  }
  for (const device of world.devices.values()) device.appliance.start();
  await world.time.quiesce();
  return ok({ world, close });
}

async function addDevice(world: World, family: FamilyModule, id: string, factory: ReturnType<typeof createFactory>, transport: Transport, variant?: string): Promise<DeviceHandle> {
  const random = world.random.fork(`device/${id}`);
  const identity = manufacture(factory, { random: random.fork('identity'), family: family.family });
  const wire = await transport.attach(id, { family: family.family });
  // The tap exists before the handle it records into, so it looks the handle up when a frame passes.
  const ref: { device?: DeviceHandle } = {};
  const link = tapLink(wire.link, (direction, frame) => {
    if (ref.device) world.recordMessage(ref.device, `${direction === 'out' ? '→' : '←'} ${describeFrame(frame)}`);
  });
  const board = createBoard({ id, clock: world.clock, random: random.fork('board'), identity, link });
  const appliance = family.create({ board, vendorPublicKey: world.server.vendorPublicKey, variant });
  const device: DeviceHandle = { id, family, appliance, board, setLinkUp: wire.setUp, history: [], messages: [] };
  ref.device = device;
  let last = appliance.snapshot().state;
  device.history.push({ t: world.elapsed(), state: last });
  appliance.onChange((snapshot) => {
    if (transport.publishState) world.clock.track(transport.publishState(id, snapshot));
    if (snapshot.state === last) return;
    world.record('state', `${last} → ${snapshot.state}`, id);
    device.history.push({ t: world.elapsed(), state: snapshot.state });
    last = snapshot.state;
  });
  return device;
}
