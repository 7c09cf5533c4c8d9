import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createFactory } from '../../emulator/identity/manufacture.ts';
import { createLicenseServer } from '../../license-server/createLicenseServer.ts';
import { openSqliteStore } from '../../license-server/store/sqliteStore.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { Store } from '../../license-server/store/Store.ts';
import { HarnessErrorCode } from '../errorCodes.ts';
import type { FleetSplit } from '../fleet/FleetSplit.ts';
import type { Transport } from '../transport/Transport.ts';
import type { FamilyModule } from '../families/FamilyModule.ts';
import type { PortalModule } from '../../license-server/portals/PortalModule.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import { World } from './World.ts';
import { realTime, virtualTime } from './timeDrivers.ts';
import { splitTime } from '../fleet/splitTime.ts';
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
  /** One shard of a fleet split across processes: its part of the fleet, the shared store, the barrier. */
  split?: FleetSplit;
}

/** Shard 1's word to the others once the store is fresh and the orders placed. */
interface Setup {
  readonly failed?: string;
  readonly orders?: { id: string; orderId: string; activationKey: string }[];
}

export interface BuiltWorld {
  world: World;
  close(): Promise<void>;
}

/**
 * A fresh world for one scenario: clock, seeded random, an in-memory license store and server,
 * the scenario's orders placed, and the fleet manufactured, wired and powered on. On a split
 * fleet the store is the shards' shared one, shard 1 places the orders and tells the others,
 * and each shard wires and powers its own part; a shard that fails tells the others, at the
 * same barrier, so none waits for it.
 */
export async function buildWorld(options: WorldOptions): Promise<Result<BuiltWorld>> {
  const { scenario, seed } = options;
  const virtual = options.realtime ? undefined : new VirtualClock();
  const clock = virtual ?? new WallClock();
  const random = createRandom(seed).fork(`${scenario.file}#${scenario.name}`);
  const factory = createFactory({ random: random.fork('factory'), clock });
  const { split } = options;
  // On a split fleet shard 1 empties the shared store and places the orders while the others wait.
  const leads = split === undefined || split.shard.index === 1;
  const setup = split === undefined || leads ? undefined : (await split.sync.meet<Setup>({}))[0]!;
  if (setup?.failed !== undefined) return fail(HarnessErrorCode.FleetSplitBroken, `shard 1/${split!.shard.total} could not set the fleet up: ${setup.failed}`);
  let store: Store;
  try {
    store = split === undefined ? openSqliteStore({ path: ':memory:' }) : await split.openStore(leads);
  } catch (error) {
    if (leads && split !== undefined) await split.sync.meet<Setup>({ failed: (error as Error).message });
    throw error;
  }
  const server = await createLicenseServer({
    store, clock, random: random.fork('server'), manufacturerPublicKey: factory.manufacturerPublicKey, portals: options.portals,
  });
  const time = virtual === undefined ? realTime(clock) : split === undefined ? virtualTime(virtual) : splitTime(virtual, split.sync);
  const world = new World(clock, time, random, server);
  world.split = split?.shard;
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
    const populated = leads ? await placeOrders(world, scenario.portal.orders) : takeOrders(world, scenario, setup!);
    if (split !== undefined && leads) {
      await split.sync.meet<Setup>(populated.ok ? { orders: [...world.orders.values()].map((o) => ({ id: o.spec.id, orderId: o.orderId, activationKey: o.activationKey })) } : { failed: populated.error.message });
    }
    fleet = populated.ok ? await addFleet(world, { fleet: scenario.fleet, families: options.families, factory, transport, ...(split === undefined ? {} : { part: split.shard }) }) : populated;
    // Every shard hears whether every other built its part: none starts a fleet that is not whole.
    if (split !== undefined) fleet = agreed(await split.sync.meet(fleet.ok ? {} : { failed: fleet.error.message }), fleet, split);
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

/** The orders shard 1 placed, as this shard's world's own. */
function takeOrders(world: World, scenario: Scenario, setup: Setup): Result<void> {
  for (const placed of setup.orders ?? []) {
    const spec = scenario.portal.orders.find((o) => o.id === placed.id)!;
    world.orders.set(placed.id, { spec, orderId: placed.orderId, activationKey: placed.activationKey, licenses: [] });
  }
  return ok(undefined);
}

/** This shard's result, or the first other shard's failure when this one's part went well. */
function agreed(all: readonly { failed?: string }[], mine: Result<void>, split: FleetSplit): Result<void> {
  if (!mine.ok) return mine;
  const other = all.findIndex((r) => r.failed !== undefined);
  if (other === -1) return mine;
  return fail(HarnessErrorCode.FleetSplitBroken, `shard ${other + 1}/${split.shard.total} could not build its part of the fleet: ${all[other]!.failed!}`);
}
