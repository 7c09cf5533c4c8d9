import type { Clock } from '../../emulator/clock/Clock.ts';
import type { Random } from '../../emulator/random/Random.ts';
import type { SkewedClock } from '../../emulator/clock/skewedClock.ts';
import type { SwappableCertificate } from '../../emulator/identity/swappableCertificate.ts';
import type { Board } from '../../emulator/board/Board.ts';
import type { Identity } from '../../emulator/identity/Identity.ts';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';
import type { LicenseServer } from '../../license-server/createLicenseServer.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { StateChange, TraceEvent, TraceKind } from '../report/RunResult.ts';
import type { DeviceFamily } from '../families/DeviceFamily.ts';
import type { OrderSpec } from '../scenario/scenarioSchema.ts';
import type { BrokerOutage } from '../transport/Transport.ts';

export interface DeviceHandle {
  readonly id: string;
  readonly family: DeviceFamily;
  readonly appliance: Appliance;
  readonly board: Board;
  setLinkUp(up: boolean): void;
  /** The board's own clock, which the `clockSkew` fault sets forward or back (TM-1). */
  readonly clock: SkewedClock;
  /** The board's identity as the firmware reads it: the certificate faults swap its certificate (TM-4). */
  readonly certificate: SwappableCertificate;
  /** The certificate the factory issued this board, for another device's `certificate: {as: foreign}`. */
  readonly factoryCertificate: string;
  /** State changes, in virtual ms since the scenario started. */
  readonly history: StateChange[];
  /** The device's most recent link frames, newest last. */
  readonly messages: TraceEvent[];
  /** The raw frames the device sent most recently, newest last: what an eavesdropper captured (TM-3). */
  readonly sentFrames: string[];
}

export interface OrderHandle {
  readonly spec: OrderSpec;
  readonly orderId: string;
  readonly activationKey: string;
  /** License IDs created by activation, in item order: reference N is `licenses[N-1]`. */
  licenses: string[];
}

/** A device of the scenario's fleet as every shard knows it: its ID, family and factory identity. */
export interface FleetMember {
  readonly id: string;
  readonly family: string;
  readonly identity: Identity;
}

/** Moves time: virtual jumps in a scenario run, real waiting under `--realtime`. */
export interface TimeDriver {
  advance(ms: number): Promise<void>;
  advanceUntil(done: () => boolean, limitMs: number): Promise<boolean>;
  quiesce(): Promise<void>;
}

const MESSAGES_KEPT = 20;

/** Everything a running scenario's steps act on: clock, fleet, license server, trace. */
export class World {
  /** The devices this process runs: the whole fleet, or on a split fleet this shard's part. */
  readonly devices = new Map<string, DeviceHandle>();
  /** Every device of the fleet, in fleet order, those other shards run included. */
  readonly members = new Map<string, FleetMember>();
  /** On a split fleet (`--fleet-shard i/n`), which part this process runs; portal steps run on part 1. */
  split: { index: number; total: number } | undefined;
  readonly orders = new Map<string, OrderHandle>();
  /** Values one step hands to a later one (a request code a device showed, a response code), by family-prefixed name. */
  readonly vars = new Map<string, unknown>();
  readonly trace: TraceEvent[] = [];
  readonly startMs: number;
  /** The embedded broker's stop and start, for the `brokerDown`/`brokerUp` faults; set by whoever built the transport, absent without one. */
  brokerOutage: BrokerOutage | undefined;

  constructor(
    readonly clock: Clock,
    readonly time: TimeDriver,
    readonly random: Random,
    readonly server: LicenseServer,
  ) {
    this.startMs = clock.now();
  }

  /** Virtual ms since the scenario started. */
  elapsed(): number {
    return this.clock.now() - this.startMs;
  }

  record(kind: TraceKind, text: string, device?: string, data?: unknown): TraceEvent {
    const event: TraceEvent = { t: this.elapsed(), kind, text };
    if (device !== undefined) event.device = device;
    if (data !== undefined) event.data = data;
    this.trace.push(event);
    return event;
  }

  recordMessage(device: DeviceHandle, text: string, data?: unknown): void {
    const event = this.record('message', text, device.id, data);
    device.messages.push(event);
    if (device.messages.length > MESSAGES_KEPT) device.messages.shift();
  }

  recordSent(device: DeviceHandle, frame: string): void {
    device.sentFrames.push(frame);
    if (device.sentFrames.length > MESSAGES_KEPT) device.sentFrames.shift();
  }

  /**
   * Devices matching an ID, a `*` glob, or a list of those; an empty match is an error. On a
   * split fleet the patterns match the whole fleet and the devices of this shard come back
   * (none, when every match runs elsewhere).
   */
  select(selector: string | readonly string[]): Result<DeviceHandle[]> {
    const members = this.selectMembers(selector);
    if (!members.ok) return members;
    const chosen: DeviceHandle[] = [];
    for (const m of members.value) {
      const device = this.devices.get(m.id);
      if (device !== undefined) chosen.push(device);
    }
    return ok(chosen);
  }

  /** Fleet members matching a selector, wherever they run: what the portal steps act on. */
  selectMembers(selector: string | readonly string[]): Result<FleetMember[]> {
    const patterns = typeof selector === 'string' ? [selector] : selector;
    const chosen: FleetMember[] = [];
    const seen = new Set<FleetMember>();
    for (const pattern of patterns) {
      // An ID is a lookup; only a glob looks at every device.
      let matched: FleetMember[];
      if (pattern.includes('*')) {
        const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
        matched = [...this.members.values()].filter((d) => re.test(d.id));
      } else {
        const member = this.members.get(pattern);
        matched = member === undefined ? [] : [member];
      }
      if (matched.length === 0) return fail('NO_SUCH_DEVICE', `no device matches '${pattern}'; the fleet has ${this.fleetSummary()}`);
      for (const d of matched) {
        if (seen.has(d)) continue;
        seen.add(d);
        chosen.push(d);
      }
    }
    return ok(chosen);
  }

  /** The license ID behind a reference `ORDER.N`. */
  license(ref: string): Result<string> {
    const [orderName, n] = ref.split('.') as [string, string];
    const order = this.orders.get(orderName);
    if (!order) return fail('NO_SUCH_ORDER', `no order '${orderName}' in the scenario's portal section`);
    const id = order.licenses[Number(n) - 1];
    if (!id) {
      return fail('NO_SUCH_LICENSE', order.licenses.length === 0
        ? `order '${orderName}' has no licenses yet: activate it first (order.activate)`
        : `order '${orderName}' has ${order.licenses.length} licenses; there is no license ${n}`);
    }
    return ok(id);
  }

  order(name: string): Result<OrderHandle> {
    const order = this.orders.get(name);
    return order ? ok(order) : fail('NO_SUCH_ORDER', `no order '${name}' in the scenario's portal section`);
  }

  private fleetSummary(): string {
    const ids = [...this.members.keys()];
    if (ids.length <= 4) return ids.join(', ') || 'no devices';
    return `${ids.length} devices, ${ids[0]} … ${ids[ids.length - 1]}`;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
