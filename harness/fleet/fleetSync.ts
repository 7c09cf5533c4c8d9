import { hostname } from 'node:os';
import type { MqttClient } from 'mqtt';
import { connectMqtt } from '../../broker/connect.ts';
import { TOPIC_ROOT } from '../../broker/topics.ts';
import type { Clock } from '../../emulator/clock/Clock.ts';
import { WallClock, wallNow } from '../../emulator/clock/wallClock.ts';
import type { Shard } from '../runner/shardFiles.ts';

/** The root of a split fleet's coordination topics: `fleetrig/v1/fleet/{fleet ID}/…`. */
export const fleetTopic = (fleetId: string, leaf: 'hello' | 'sync' | 'gone'): string => `${TOPIC_ROOT}/fleet/${fleetId}/${leaf}`;

/** Why a split fleet could not meet: a shard missing, gone, or running something else. */
export class FleetSyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FleetSyncError';
  }
}

export interface FleetSyncOptions {
  /** The broker every shard meets at, `mqtt://host:port`. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Names the fleet's topics; shards of one run give the same. */
  readonly fleetId: string;
  readonly shard: Shard;
  /** What every shard must agree on (scenario files, seed, shard count): one that differs is refused by name. */
  readonly digest: string;
  /** Wall ms to wait for every shard to join; 120 000 by default. */
  readonly joinTimeoutMs?: number;
  /** The wall clock the hellos are resent on (a test may pass its own). */
  readonly clock?: Clock;
}

/**
 * The barrier a split fleet meets at. Every shard calls `meet` the same number of times in the
 * same order (they run the same steps on the same clock), so the n-th call of each is the n-th
 * barrier; it resolves once every shard's n-th report is in, with all of them in shard order.
 */
export interface FleetSync {
  readonly shard: Shard;
  meet<T>(report: T): Promise<T[]>;
  /** Leaves the fleet; barriers still waiting are refused. */
  close(): Promise<void>;
}

interface Hello {
  readonly shard: number;
  readonly instance: string;
  readonly digest: string;
  /** The shards this one has heard a hello from, itself included. */
  readonly heard: number[];
}

interface SyncMessage {
  readonly shard: number;
  readonly phase: number;
  readonly report: unknown;
}

const HELLO_EVERY_MS = 250;

/**
 * Joins the shards of one fleet at `url`: each says hello until it has heard every shard and
 * every shard has heard all the others, then barriers pass as reports arrive. The messages are
 * not retained, so a crashed earlier run leaves nothing behind; a shard whose connection drops
 * is announced by its last will, and every barrier then fails with its name rather than waiting
 * for ever.
 */
export async function joinFleet(options: FleetSyncOptions): Promise<FleetSync> {
  const { shard, fleetId, digest } = options;
  const clock = options.clock ?? new WallClock();
  const total = shard.total;
  const instance = `${hostname()}:${process.pid}:${Math.round(wallNow())}`;
  const name = (i: number): string => `shard ${i}/${total}`;
  const goneMessage = JSON.stringify({ shard: shard.index, instance });
  const topics = { hello: fleetTopic(fleetId, 'hello'), sync: fleetTopic(fleetId, 'sync'), gone: fleetTopic(fleetId, 'gone') };
  const client: MqttClient = await connectMqtt({
    url: options.url,
    username: options.username,
    password: options.password,
    clientId: `fleetrig-fleet-${fleetId}-${shard.index}-${process.pid}`.slice(0, 128),
    will: { topic: topics.gone, payload: goneMessage, qos: 1 },
  });

  const heardFrom = new Map<number, Hello>();
  const reports = new Map<number, Map<number, unknown>>();
  const waiting = new Map<number, { resolve: (all: unknown[]) => void; reject: (e: Error) => void }>();
  let broken: FleetSyncError | undefined;
  const gone = new Set<number>();
  /** A shard gone without its report for barrier `p`: that barrier can never pass. */
  const goneFrom = (p: number): number | undefined => [...gone].find((j) => reports.get(p)?.has(j) !== true);
  const leftRun = (j: number): FleetSyncError => new FleetSyncError(`${name(j)} left the run before the fleet finished`);
  let phase = 0;
  let announced = false;
  let closing = false;
  let joined: { resolve: () => void; reject: (e: Error) => void } | undefined;

  const breakWith = (error: FleetSyncError): void => {
    broken ??= error;
    joined?.reject(broken);
    for (const w of waiting.values()) w.reject(broken);
    waiting.clear();
  };
  const complete = (p: number): void => {
    const got = reports.get(p);
    const w = waiting.get(p);
    if (got === undefined || w === undefined || got.size < total) return;
    reports.delete(p);
    waiting.delete(p);
    w.resolve(Array.from({ length: total }, (_, i) => got.get(i + 1)));
  };
  const sayHello = (): void => {
    const hello: Hello = { shard: shard.index, instance, digest, heard: [...heardFrom.keys()].sort((a, b) => a - b) };
    client.publish(topics.hello, JSON.stringify(hello), { qos: 1 });
  };
  const everyoneHeard = (): boolean => heardFrom.size === total && [...heardFrom.values()].every((h) => h.heard.length === total);

  client.on('message', (topic, payload) => {
    let message: unknown;
    try {
      message = JSON.parse(payload.toString('utf8'));
    } catch {
      return; // not ours: the topics are open to any service of the broker
    }
    if (typeof message !== 'object' || message === null) return;
    if (topic === topics.hello) onHello(message as Hello);
    else if (topic === topics.sync) onSync(message as SyncMessage);
    else if (topic === topics.gone) onGone(message as { shard: number; instance: string });
  });
  client.on('close', () => {
    if (!closing) breakWith(new FleetSyncError(`${name(shard.index)} lost its connection to the broker at ${options.url}`));
  });

  function onHello(hello: Hello): void {
    if (!Number.isSafeInteger(hello.shard) || hello.shard < 1 || hello.shard > total || !Array.isArray(hello.heard)) return;
    if (hello.digest !== digest) {
      return breakWith(new FleetSyncError(`${name(hello.shard)} runs other scenarios, another seed or another shard count than ${name(shard.index)}; start every shard with the same files, --seed and --fleet-shard i/${total}`));
    }
    const known = heardFrom.get(hello.shard);
    if (known !== undefined && known.instance !== hello.instance) {
      return breakWith(new FleetSyncError(`two processes claim ${name(hello.shard)} of fleet ${fleetId} (${known.instance} and ${hello.instance}); give each its own --fleet-shard, or another --fleet-id`));
    }
    heardFrom.set(hello.shard, hello);
    // Once this shard has heard everyone, it says so at once: the others join on that hello.
    if (heardFrom.size === total && !announced) {
      announced = true;
      sayHello();
    }
    if (everyoneHeard()) joined?.resolve();
  }
  function onSync(message: SyncMessage): void {
    if (!Number.isSafeInteger(message.shard) || message.shard < 1 || message.shard > total || !Number.isSafeInteger(message.phase)) return;
    let got = reports.get(message.phase);
    if (got === undefined) reports.set(message.phase, (got = new Map()));
    got.set(message.shard, message.report);
    complete(message.phase);
  }
  // A shard that left after its last report still completes the barriers it reported to.
  function onGone(leaving: { shard: number; instance: string }): void {
    const known = heardFrom.get(leaving.shard);
    if (known === undefined || known.instance !== leaving.instance || leaving.shard === shard.index) return;
    gone.add(leaving.shard);
    for (const [p, w] of waiting) {
      const j = goneFrom(p);
      if (j === undefined) continue;
      waiting.delete(p);
      w.reject(leftRun(j));
    }
  }

  await client.subscribeAsync(`${TOPIC_ROOT}/fleet/${fleetId}/+`, { qos: 1 });
  const timeoutMs = options.joinTimeoutMs ?? 120_000;
  const ticker = { id: 0 };
  try {
    await new Promise<void>((resolve, reject) => {
      joined = { resolve, reject };
      if (broken !== undefined) return reject(broken);
      const started = clock.now();
      const tick = (): void => {
        if (everyoneHeard() || broken !== undefined) return;
        if (clock.now() - started >= timeoutMs) {
          const shards = Array.from({ length: total }, (_, i) => i + 1);
          const unheard = shards.filter((i) => !heardFrom.has(i));
          // Everyone heard here, but some shard has not heard everyone: it is the one that is cut off.
          const missing = unheard.length > 0 ? unheard : shards.filter((i) => heardFrom.get(i)!.heard.length < total);
          return reject(new FleetSyncError(`fleet ${fleetId}: ${missing.map(name).join(', ')} did not join within ${Math.round(timeoutMs / 1000)} s at ${options.url}; start every shard with the same --broker and --fleet-id`));
        }
        sayHello();
        ticker.id = clock.setTimeout(tick, HELLO_EVERY_MS);
      };
      tick();
    });
  } catch (error) {
    clock.clearTimeout(ticker.id);
    closing = true;
    await client.endAsync();
    throw error;
  }
  clock.clearTimeout(ticker.id);
  joined = undefined;

  return {
    shard,
    meet<T>(report: T): Promise<T[]> {
      if (broken !== undefined) return Promise.reject(broken);
      const p = ++phase;
      const absent = goneFrom(p);
      if (absent !== undefined) return Promise.reject(leftRun(absent));
      const promise = new Promise<T[]>((resolve, reject) => waiting.set(p, { resolve: resolve as (all: unknown[]) => void, reject }));
      const message: SyncMessage = { shard: shard.index, phase: p, report };
      client.publish(topics.sync, JSON.stringify(message), { qos: 1 });
      return promise;
    },
    async close() {
      if (closing) return;
      closing = true;
      breakWith(new FleetSyncError(`${name(shard.index)} left the fleet`));
      // Said out loud: a clean disconnect sends no last will.
      await client.publishAsync(topics.gone, goneMessage, { qos: 1 }).catch(() => undefined);
      await client.endAsync();
    },
  };
}
