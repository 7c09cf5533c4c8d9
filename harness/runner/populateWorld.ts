import { createBoard, type EmulatedBoard } from '../../emulator/board/createBoard.ts';
import { createSkewedClock } from '../../emulator/clock/skewedClock.ts';
import { swappableCertificate } from '../../emulator/identity/swappableCertificate.ts';
import { DAY } from '../../emulator/clock/duration.ts';
import { manufacture, type Factory } from '../../emulator/identity/manufacture.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { FamilyModule } from '../families/FamilyModule.ts';
import type { FleetEntry, OrderSpec } from '../scenario/scenarioSchema.ts';
import { tapLink } from '../transport/tapLink.ts';
import type { Transport } from '../transport/Transport.ts';
import { describeFrame } from './describeFrame.ts';
import { fleetDeviceIds } from './fleetDeviceIds.ts';
import type { DeviceHandle, World } from './World.ts';

/**
 * A scenario's `portal.orders`, placed through the core; each becomes the world's order of that
 * name. Used by scenario runs and by `fleetrig serve` (on a new store only).
 */
export async function placeOrders(world: World, orders: readonly OrderSpec[]): Promise<Result<void>> {
  for (const spec of orders) {
    const placed = await world.server.core.createOrder({
      accountId: spec.account,
      // One license per unit of quantity: an order for 1,000 gateways holds 1,000 licenses.
      items: spec.items.flatMap((i) => Array.from({ length: i.quantity }, () => ({
        featureCode: i.feature, count: i.count, transactionType: i.type, termDays: i.term === undefined ? null : i.term / DAY,
      }))),
    });
    if (!placed.ok) return fail(placed.error.code, `portal order '${spec.id}': ${placed.error.message}`);
    world.orders.set(spec.id, { spec, orderId: placed.value.orderId, activationKey: placed.value.activationKey, licenses: [] });
  }
  return ok(undefined);
}

export interface AddFleetOptions {
  fleet: readonly FleetEntry[];
  families: ReadonlyMap<string, FamilyModule>;
  factory: Factory;
  transport: Transport;
  /** Each board as soon as it is built, before its firmware is made and booted (`fleetrig serve` loads saved NVRAM here). */
  onBoard?: (board: EmulatedBoard, family: string) => void;
}

/** A scenario's `fleet`, manufactured, wired through `transport` and powered on. */
export async function addFleet(world: World, options: AddFleetOptions): Promise<Result<void>> {
  const added: DeviceHandle[] = [];
  for (const entry of options.fleet) {
    const family = options.families.get(entry.family)!;
    for (const id of fleetDeviceIds(entry, family.prefix)) {
      if (world.devices.has(id)) return fail('SCENARIO_INVALID', `device ID ${id} is used twice; give the fleet entries distinct prefixes`);
      const device = await addDevice(world, family, id, options, entry.variant);
      world.devices.set(id, device);
      added.push(device);
    }
  }
  for (const device of added) device.appliance.start();
  return ok(undefined);
}

async function addDevice(world: World, family: FamilyModule, id: string, options: AddFleetOptions, variant?: string): Promise<DeviceHandle> {
  const { factory, transport } = options;
  const random = world.random.fork(`device/${id}`);
  const factoryIdentity = manufacture(factory, { random: random.fork('identity'), family: family.family });
  const certificate = swappableCertificate(factoryIdentity);
  const identity = certificate.identity;
  const wire = await transport.attach(id, { family: family.family });
  // The tap exists before the handle it records into, so it looks the handle up when a frame passes.
  const ref: { device?: DeviceHandle } = {};
  const link = tapLink(wire.link, (direction, frame) => {
    if (!ref.device) return;
    world.recordMessage(ref.device, `${direction === 'out' ? '→' : '←'} ${describeFrame(frame)}`);
    if (direction === 'out') world.recordSent(ref.device, frame);
  });
  const clock = createSkewedClock(world.clock);
  const board = createBoard({ id, clock, random: random.fork('board'), identity, link });
  options.onBoard?.(board, family.family);
  const appliance = family.create({ board, vendorPublicKey: world.server.vendorPublicKey, variant });
  const device: DeviceHandle = {
    id, family, appliance, board, setLinkUp: wire.setUp, clock, certificate, factoryCertificate: factoryIdentity.certificate, history: [], messages: [], sentFrames: [],
  };
  ref.device = device;
  let last = appliance.snapshot().state;
  device.history.push({ t: world.elapsed(), state: last });
  appliance.onChange((snapshot) => {
    if (transport.publishState) world.clock.track(transport.publishState(id, snapshot));
    if (snapshot.state === last) return;
    // What caused it (POWER_ON, RESET, after:bootTime): the firmware's last history entry, if it is
    // this change (the run's tear-down powers a device off without one).
    const entry = appliance.history().at(-1);
    const event = entry !== undefined && entry.state.split('.')[0] === snapshot.state ? entry.event : undefined;
    world.record('state', `${last} → ${snapshot.state}${event === undefined ? '' : ` (${event})`}`, id);
    device.history.push(event === undefined ? { t: world.elapsed(), state: snapshot.state } : { t: world.elapsed(), state: snapshot.state, event });
    last = snapshot.state;
  });
  return device;
}
