import { readdirSync, readFileSync } from 'node:fs';
import { createBoard, type EmulatedBoard } from '../../emulator/board/createBoard.ts';
import { createSkewedClock } from '../../emulator/clock/skewedClock.ts';
import { DAY, type Duration } from '../../emulator/clock/duration.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import { swappableCertificate } from '../../emulator/identity/swappableCertificate.ts';
import { manufacture, type Factory } from '../../emulator/identity/manufacture.ts';
import type { Random } from '../../emulator/random/Random.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { FamilyModule } from '../families/FamilyModule.ts';
import type { FleetEntry, OrderSpec } from '../scenario/scenarioSchema.ts';
import { tapLink } from '../transport/tapLink.ts';
import type { DeviceWire, Transport } from '../transport/Transport.ts';
import { describeFrame } from './describeFrame.ts';
import { fleetDeviceIds } from './fleetDeviceIds.ts';
import { fleetPart } from '../fleet/fleetPart.ts';
import type { Shard } from './shardFiles.ts';
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
        featureCode: i.feature, count: i.count, transactionType: i.type, ...termOf(i.term), start: i.start === undefined ? null : 'at' in i.start ? i.start.at : world.startMs + i.start.after,
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
  /** On a split fleet, this shard: every device is manufactured (identities depend on fleet order), only its part is built and connected. */
  part?: Shard;
  /** Each board as soon as it is built, before its firmware is made and booted (`fleetrig serve` loads saved NVRAM here). */
  onBoard?: (board: EmulatedBoard, family: string) => void;
}

/** How many devices connect to the broker at once while a fleet is built. */
const ATTACH_CONCURRENCY = 64;

interface PlannedDevice {
  id: string;
  family: FamilyModule;
  variant?: string;
  random: Random;
  identity: Identity;
}

/**
 * A scenario's `fleet`, manufactured, wired through `transport` and powered on. Identities are
 * drawn in fleet order (the factory's hardware IDs depend on it) and devices built in fleet
 * order, but their links are attached many at a time: a broker accepts connections in
 * parallel, and ten thousand one after another took most of a large fleet's start-up. A link
 * that cannot be attached fails the fleet with the reason once every attach has settled, so
 * the caller can close what did connect.
 */
export async function addFleet(world: World, options: AddFleetOptions): Promise<Result<void>> {
  const planned: PlannedDevice[] = [];
  const ids = new Set<string>();
  for (const entry of options.fleet) {
    const family = options.families.get(entry.family)!;
    for (const id of fleetDeviceIds(entry, family.prefix)) {
      if (world.devices.has(id) || ids.has(id)) return fail('SCENARIO_INVALID', `device ID ${id} is used twice; give the fleet entries distinct prefixes`);
      ids.add(id);
      const random = world.random.fork(`device/${id}`);
      const identity = manufacture(options.factory, { random: random.fork('identity'), family: family.family });
      planned.push({ id, family, random, identity, ...(entry.variant === undefined ? {} : { variant: entry.variant }) });
    }
  }
  for (const p of planned) world.members.set(p.id, { id: p.id, family: p.family.family, identity: p.identity });
  const part = options.part === undefined ? { from: 0, to: planned.length } : fleetPart(planned.length, options.part);
  const mine = planned.slice(part.from, part.to);
  const wires = await attachAll(mine, options.transport);
  if (!wires.ok) return wires;
  const added = mine.map((p, i) => {
    const device = buildDevice(world, p, wires.value[i]!, options);
    world.devices.set(p.id, device);
    return device;
  });
  for (const device of added) device.appliance.start();
  return ok(undefined);
}

async function attachAll(planned: readonly PlannedDevice[], transport: Transport): Promise<Result<DeviceWire[]>> {
  const wires: DeviceWire[] = [];
  let next = 0;
  let failure: { id: string; error: unknown } | undefined;
  const attachNext = async (): Promise<void> => {
    while (next < planned.length && failure === undefined) {
      const i = next++;
      const { id, family } = planned[i]!;
      try {
        wires[i] = await transport.attach(id, { family: family.family });
      } catch (error) {
        failure ??= { id, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ATTACH_CONCURRENCY, planned.length) }, attachNext));
  if (failure === undefined) return ok(wires);
  return fail('BROKER_UNREACHABLE', `device ${failure.id} could not connect (${attached(wires)} of the ${planned.length} had connected): ${attachFailure(failure.error)}`);
}

function attached(wires: readonly (DeviceWire | undefined)[]): number {
  return wires.filter((w) => w !== undefined).length;
}

/** The reason in a person's words; for running out of descriptors, the limit and how to raise it. */
function attachFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const limit = openFilesLimit();
  // Out of descriptors shows as EMFILE on the connecting side, or as a reset when it was the
  // broker's side of the socket (in this process too) that could not be accepted.
  const open = openDescriptors();
  if (code === 'EMFILE' || code === 'ENFILE' || (limit !== undefined && open !== undefined && open >= limit * 0.98)) {
    const reason = error instanceof Error ? ` (${error.message})` : '';
    return `the process ran out of file descriptors${limit === undefined ? '' : `: its limit, ulimit -n, is ${limit}`}${reason}; each device on the tcp transport holds two, so raise the limit, or use the stream or memory transport`;
  }
  return error instanceof Error ? error.message : String(error);
}

function openDescriptors(): number | undefined {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return undefined;
  }
}

function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : undefined;
  } catch {
    return undefined;
  }
}

function buildDevice(world: World, planned: PlannedDevice, wire: DeviceWire, options: AddFleetOptions): DeviceHandle {
  const { id, family, variant, random } = planned;
  const certificate = swappableCertificate(planned.identity);
  const identity = certificate.identity;
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
  const { transport } = options;
  const device: DeviceHandle = {
    id, family, appliance, board, setLinkUp: wire.setUp, clock, certificate, factoryCertificate: planned.identity.certificate, history: [], messages: [], sentFrames: [],
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

/** An order item's term as the core takes it: calendar months, then days (null for none of either). */
function termOf(term: Duration | undefined): { termMonths: number | null; termDays: number | null } {
  if (term === undefined) return { termMonths: null, termDays: null };
  return { termMonths: term.months === 0 ? null : term.months, termDays: term.ms === 0 ? null : term.ms / DAY };
}
