import type { MqttClient } from 'mqtt';
import type { Clock, Hold } from '../../emulator/clock/Clock.ts';
import { parseDeviceTopic } from '../topics.ts';
import { frameId } from './frameId.ts';

/**
 * Frames on their way through a broker between two ends in this process — the device links and
 * the server endpoint of one transport — held on the clock hop by hop: from the moment a frame is
 * published until its subscriber here receives it, or until it is known lost (the sender's or
 * the receiver's connection closed, the receiver stopped listening, the publish failed). A
 * frame nobody here listens for is not held at all. So a virtual clock waits exactly as long as
 * frames are on the wire — never for a reply that cannot come.
 *
 * Arrivals take effect through `clock.deliver`, in the order their frames were sent: which of
 * two devices' replies the network carried first never shows in what the world does.
 *
 * In process (`stream`) every hop ends by itself. On a real socket a frame can vanish without
 * this process knowing, so each hop may take at most `ioLimitMs` of wall time; past it the
 * clock halts with IO_TIMEOUT instead of jumping over a reply that is merely late.
 *
 * A lost frame is reported to both its ends (`onLost`), so a link that reconnects can re-send
 * it and hold the clock meanwhile (`hold`): across a broker outage a request's time in flight is
 * its hops plus the re-send wait, each under the same limit. A lost frame keeps its place in the
 * send order: sent again (byte for byte, as links re-send and the reply cache answers), it is
 * delivered where it would have been, not in the order the clients happened to reconnect. A listener whose connection closed
 * is away until its owner says it subscribed again (`resumed`): a frame published to it before
 * that would reach no subscriber, so it counts as lost at once instead of holding until the limit.
 */
export interface FrameHops {
  /**
   * `client` receives what is published on `filter` (a topic, or `+` for one level) from now on.
   * Returns the function that stops it, dropping hops still on their way to it.
   */
  listen(client: MqttClient, filter: string): () => void;
  /** `client` publishes `frame` on `topic`. Returns the hop, undefined when nobody here listens. */
  sent(client: MqttClient, topic: string, frame: string): Hop | undefined;
  /**
   * `client` cannot publish `frame` yet (it is reconnecting) and will send it later: the frame
   * takes its place in the send order now, as if sent and lost.
   */
  unsent(topic: string, frame: string): void;
  /** A listener received `text` on `topic`: ends its hop; `deliver` runs when its turn comes. */
  arrived(topic: string, text: string, deliver: () => void): void;
  /** Holds the clock until `work` (an acknowledgement from the broker) settles, within the I/O limit. */
  awaiting<T>(what: () => string, work: Promise<T>): Promise<T>;
  /** Holds the clock, within the I/O limit, for work no frame or promise stands for (a reconnect's re-sends). */
  hold(what: () => string): Hold;
  /**
   * `client` subscribed again after a reconnect (SUBACK): frames to its listeners are carried
   * again. Until then, from its connection's close, what is sent to them is lost.
   */
  resumed(client: MqttClient): void;
  /**
   * `handler` hears of every frame `client` sent or was to receive that is lost: a connection
   * closed under it, its receiver was away, its publish failed. A link that reconnects re-sends.
   */
  onLost(client: MqttClient, handler: (topic: string, frame: string) => void): () => void;
  /** The clock's reading: when a request was sent, for how long it is worth re-sending. */
  now(): number;
  /** Frames still on their way. */
  size(): number;
}

export interface Hop {
  /** The frame will not arrive (its publish failed); its ends hear of it as lost. */
  drop(): void;
}

export interface FrameHopsOptions {
  readonly clock: Clock;
  /** Wall-clock limit on one hop: for brokers reached over a socket. None in process. */
  readonly ioLimitMs?: number;
}

interface OpenHop extends Hop {
  readonly seq: number;
  readonly key: string;
  readonly topic: string;
  readonly frame: string;
  readonly from: MqttClient;
  readonly to: Listener;
  readonly hold: Hold;
}

interface Listener {
  readonly client: MqttClient;
  readonly filter: string;
  readonly hops: Set<OpenHop>;
  /** Its client's connection closed and has not subscribed again since. */
  away: boolean;
}

/** Arrivals that match no hop (a frame from outside the run) come after every tracked one. */
const UNTRACKED = Number.MAX_SAFE_INTEGER;
/** Places in the send order kept for lost frames; far above what one outage loses. */
const MAX_LOST_KEPT = 8_192;

export function createFrameHops(options: FrameHopsOptions): FrameHops {
  const { clock, ioLimitMs } = options;
  const exact = new Map<string, Listener>();
  const filtered: Listener[] = [];
  const byKey = new Map<string, OpenHop[]>();
  const bySender = new Map<MqttClient, Set<OpenHop>>();
  const listening = new Map<MqttClient, Set<Listener>>();
  const watched = new WeakSet<MqttClient>();
  const lostHandlers = new Map<MqttClient, Set<(topic: string, frame: string) => void>>();
  // A lost frame's place in the send order, by topic and bytes, until it is sent again.
  const lostOrder = new Map<string, number>();
  let seq = 0;
  let open = 0;

  const keepOrder = (key: string, order: number): void => {
    if (lostOrder.has(key)) return;
    lostOrder.set(key, order);
    if (lostOrder.size > MAX_LOST_KEPT) lostOrder.delete(lostOrder.keys().next().value!);
  };
  const orderOf = (key: string): number => {
    const kept = lostOrder.get(key);
    if (kept === undefined) return seq++;
    lostOrder.delete(key);
    return kept;
  };

  const lost = (ends: MqttClient[], topic: string, frame: string): void => {
    for (const client of ends) for (const handler of [...(lostHandlers.get(client) ?? [])]) handler(topic, frame);
  };

  const end = (hop: OpenHop, wasLost = false): boolean => {
    const queue = byKey.get(hop.key);
    const at = queue?.indexOf(hop) ?? -1;
    if (queue === undefined || at < 0) return false;
    queue.splice(at, 1);
    if (queue.length === 0) byKey.delete(hop.key);
    bySender.get(hop.from)?.delete(hop);
    hop.to.hops.delete(hop);
    open--;
    // Told before the hold ends, so a link that re-sends holds the clock without a gap.
    if (wasLost) {
      keepOrder(hop.key, hop.seq);
      lost([hop.from, hop.to.client], hop.topic, hop.frame);
    }
    hop.hold.release();
    return true;
  };

  // A closed connection carries nothing more, either way: what it was sending or was to receive is lost.
  const watch = (client: MqttClient): void => {
    if (watched.has(client)) return;
    watched.add(client);
    client.on('close', () => {
      for (const listener of listening.get(client) ?? []) listener.away = true;
      for (const hop of [...(bySender.get(client) ?? [])]) end(hop, true);
      for (const listener of listening.get(client) ?? []) for (const hop of [...listener.hops]) end(hop, true);
    });
  };

  const listenerFor = (topic: string): Listener | undefined =>
    exact.get(topic) ?? filtered.find((listener) => matches(listener.filter, topic));

  return {
    listen(client, filter) {
      watch(client);
      const listener: Listener = { client, filter, hops: new Set(), away: !client.connected };
      if (filter.includes('+')) filtered.push(listener);
      else exact.set(filter, listener);
      let ofClient = listening.get(client);
      if (ofClient === undefined) listening.set(client, (ofClient = new Set()));
      ofClient.add(listener);
      return () => {
        if (exact.get(filter) === listener) exact.delete(filter);
        const at = filtered.indexOf(listener);
        if (at >= 0) filtered.splice(at, 1);
        listening.get(client)?.delete(listener);
        for (const hop of [...listener.hops]) end(hop);
      };
    },

    sent(client, topic, frame) {
      const to = listenerFor(topic);
      if (to === undefined) return undefined;
      const key = keyOf(topic, frame);
      const order = orderOf(key);
      if (!client.connected || to.away || !to.client.connected) {
        keepOrder(key, order);
        lost([client, to.client], topic, frame);
        return undefined;
      }
      watch(client);
      const hold = clock.hold({ what: () => describeHop(topic, frame), limitMs: ioLimitMs });
      const hop: OpenHop = { seq: order, key, topic, frame, from: client, to, hold, drop: () => void end(hop, true) };
      const queue = byKey.get(key);
      if (queue === undefined) byKey.set(key, [hop]);
      else queue.push(hop);
      let sending = bySender.get(client);
      if (sending === undefined) bySender.set(client, (sending = new Set()));
      sending.add(hop);
      to.hops.add(hop);
      open++;
      return hop;
    },

    unsent(topic, frame) {
      if (listenerFor(topic) === undefined) return;
      const key = keyOf(topic, frame);
      keepOrder(key, orderOf(key));
    },

    arrived(topic, text, deliver) {
      // Equal frames on one topic are interchangeable: the oldest is the one that arrived.
      const hop = byKey.get(keyOf(topic, text))?.[0];
      const order = hop === undefined ? UNTRACKED : hop.seq;
      if (hop !== undefined) end(hop);
      clock.deliver(order, deliver);
    },

    awaiting(what, work) {
      const hold = clock.hold({ what, limitMs: ioLimitMs });
      return work.finally(() => hold.release());
    },

    hold: (what) => clock.hold({ what, limitMs: ioLimitMs }),

    resumed(client) {
      for (const listener of listening.get(client) ?? []) listener.away = false;
    },

    onLost(client, handler) {
      let handlers = lostHandlers.get(client);
      if (handlers === undefined) lostHandlers.set(client, (handlers = new Set()));
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },

    now: () => clock.now(),

    size: () => open,
  };
}

/** MQTT topic matching with `+` for exactly one level (the only wildcard fleetrig subscribes with). */
function matches(filter: string, topic: string): boolean {
  const want = filter.split('/');
  const got = topic.split('/');
  return want.length === got.length && want.every((level, i) => level === '+' || level === got[i]);
}

/** What arrives is the frame's UTF-8 decoded: a lone surrogate in the sent text comes back as U+FFFD. */
function keyOf(topic: string, text: string): string {
  const wire = /[\uD800-\uDFFF]/.test(text) ? Buffer.from(text).toString() : text;
  return `${topic}\n${wire}`;
}

/** `request gateway.download #a1b2 from gw-001 to the license server (fleetrig/v1/dev/gw-001/req)`. */
export function describeHop(topic: string, frame: string): string {
  const parsed = parseDeviceTopic(topic);
  const id = frameId(frame);
  const tag = id === undefined ? '' : ` #${id}`;
  if (parsed.ok && parsed.value.kind === 'req') {
    return `request ${opOf(frame) ?? 'frame'}${tag} from ${parsed.value.deviceId} to the license server (${topic})`;
  }
  if (parsed.ok && parsed.value.kind === 'res') return `reply${tag} from the license server to ${parsed.value.deviceId} (${topic})`;
  return `frame${tag} on ${topic}`;
}

function opOf(frame: string): string | undefined {
  try {
    const op = (JSON.parse(frame) as { op?: unknown }).op;
    return typeof op === 'string' ? op : undefined;
  } catch {
    return undefined;
  }
}
