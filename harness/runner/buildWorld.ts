import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createFactory } from '../../emulator/identity/manufacture.ts';
import { createLicenseServer } from '../../license-server/createLicenseServer.ts';
import { openSqliteStore } from '../../license-server/store/sqliteStore.ts';
import { ok, type Result } from '../../protocol/result.ts';
import type { Transport } from '../transport/Transport.ts';
import type { FamilyModule } from '../families/FamilyModule.ts';
import type { PortalModule } from '../../license-server/portals/PortalModule.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import { World } from './World.ts';
import { realTime, virtualTime } from './timeDrivers.ts';
import { addFleet, placeOrders } from './populateWorld.ts';

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
  world.brokerOutage = transport.outage;
  const close = async (): Promise<void> => {
    for (const d of world.devices.values()) d.appliance.stop();
    await transport.close();
    await server.close();
    await store.close();
  };

  // Whatever stops the fleet being built, what did connect is closed: a half-built fleet of
  // thousands of sockets must not keep the process alive.
  let fleet: Result<void>;
  try {
    const populated = await placeOrders(world, scenario.portal.orders);
    fleet = populated.ok ? await addFleet(world, { fleet: scenario.fleet, families: options.families, factory, transport }) : populated;
  } catch (error) {
    await close();
    throw error;
  }
  if (!fleet.ok) {
    await close();
    return fleet;
  }
  for (const device of world.devices.values()) device.appliance.start();
  await world.time.quiesce();
  return ok({ world, close });
}
