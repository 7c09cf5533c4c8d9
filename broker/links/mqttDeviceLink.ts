import type { MqttClient } from 'mqtt';
import type { Clock, Hold, TimerId } from '../../emulator/clock/Clock.ts';
import { Listeners, type Link, type Unsubscribe } from '../../emulator/link/Link.ts';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { deviceTopics } from '../topics.ts';
import type { FrameHops } from './frameHops.ts';
import { frameId } from './frameId.ts';
import { keepConnected, type KeptConnection } from './keepConnected.ts';
import { logToStderr, payloadText, type FrameRefusalLogger } from './payloadText.ts';
import { backoffDelay, DEFAULT_RECONNECT_POLICY, type ReconnectPolicy } from './reconnectPolicy.ts';

export interface MqttDeviceLinkOptions {
  /** Connected as this device (client ID = username = deviceId); owned by the caller. */
  readonly client: MqttClient;
  readonly deviceId: string;
  /**
   * The transport's frames in flight: when given, what this link sends and receives is held on
   * the clock hop by hop and takes effect in send order (see frameHops.ts).
   */
  readonly hops?: FrameHops;
  /** Where refused frames are reported; stderr by default. */
  readonly log?: FrameRefusalLogger;
  /**
   * Come back after losing the broker: reconnect with backoff on `clock` (the wall clock for a
   * real broker), subscribe again, re-send requests in flight with their own IDs (see
   * reconnectPolicy.ts). Without it the link is down from the moment its connection closes.
   */
  readonly reconnect?: { readonly clock: Clock; readonly policy?: ReconnectPolicy };
}

export interface MqttDeviceLink extends Link {
  /** Frames refused in either direction: oversized, or (incoming) not UTF-8. */
  refused(): number;
  /** Requests re-sent after a loss, and second replies to re-sent requests dropped. */
  retries(): { resent: number; duplicateReplies: number };
  /** Runs after every reconnect, once `res` is subscribed again, before requests are re-sent. */
  onReconnect(handler: () => void): Unsubscribe;
  /** Whether it is connected and subscribed to its replies now (`isUp` stays true through a short outage). */
  isReady(): boolean;
  /** Detaches from the client and unsubscribes `res`; the client itself stays open. */
  close(): Promise<void>;
}

/** A request sent and not answered yet: what a reconnect re-sends. */
interface Outstanding {
  readonly frame: string;
  /** On the run's clock, so a request the firmware has given up on is not re-sent. */
  readonly sentAt: number;
  /** Its request or its reply is known lost: to be sent again. */
  lost: boolean;
  resent: boolean;
}

/** Requests remembered per link; far above what a device has in flight. */
const MAX_OUTSTANDING = 256;

/**
 * A device's Link over MQTT: frames it sends are published on its `req` topic at QoS 1, frames
 * on its `res` topic are delivered to it.
 *
 * Without `reconnect` the link is up while the client is connected; frames sent while it is
 * down are lost, as on the memory link — mqtt.js would otherwise queue them.
 *
 * With `reconnect`, losing the broker is not losing the link: within the policy's
 * `linkDownAfterMs` the link still reports up, keeps what the device sends, and once the client
 * is back and subscribed again re-sends every request whose request or reply was lost, byte for
 * byte — the server's reply cache acts on a request ID once — and delivers only the first reply
 * to a re-sent request. The clock is held while something waits to be re-sent. Past the limit
 * the link reports down (the firmware sees LINK_DOWN) and forgets what was in flight; the
 * reconnect attempts go on, and the link comes up again with the connection.
 */
export async function createMqttDeviceLink(options: MqttDeviceLinkOptions): Promise<MqttDeviceLink> {
  const { client, deviceId, hops, reconnect } = options;
  const log = options.log ?? logToStderr;
  const policy = reconnect?.policy ?? DEFAULT_RECONNECT_POLICY;
  const topics = deviceTopics(deviceId);
  const frames = new Listeners<string>();
  const status = new Listeners<boolean>();
  const reconnected = new Listeners<void>();
  const outstanding = new Map<string, Outstanding>();
  const answeredAfterRetry = new Set<string>();
  let refused = 0;
  let resent = 0;
  let duplicateReplies = 0;
  let up = client.connected;
  let closed = false;
  // Connected and subscribed to `res`: frames can go out, and their replies come back.
  let ready = client.connected;
  let lostCount = 0;
  let hold: Hold | undefined;
  let giveUpTimer: TimerId | undefined;
  let resendTimer: TimerId | undefined;
  let resendAttempt = 0;
  let kept: KeptConnection | undefined;

  const refuse = (topic: string, reason: string): void => {
    refused++;
    log({ topic, reason: `${deviceId}: ${reason}` });
  };
  const setStatus = (next: boolean): void => {
    if (next === up) return;
    up = next;
    status.emit(up);
  };
  const now = (): number => hops?.now() ?? reconnect?.clock.now() ?? 0;

  const publish = (frame: string): void => {
    const hop = hops?.sent(client, topics.req, frame);
    // QoS 1. The PUBACK says nothing of delivery (aedes acknowledges before it forwards), so
    // the hop, not the acknowledgement, is what holds the clock.
    client.publish(topics.req, frame, { qos: 1 }, (error) => {
      if (!error) return;
      if (hop !== undefined) hop.drop();
      else markLost(frameId(frame));
    });
  };

  // --- what a reconnect re-sends (only with `reconnect`) ---
  const forget = (id: string): Outstanding | undefined => {
    const entry = outstanding.get(id);
    if (entry === undefined) return undefined;
    outstanding.delete(id);
    if (entry.lost) lostCount--;
    return entry;
  };
  const track = (id: string, frame: string): void => {
    forget(id);
    for (const [old, entry] of outstanding) {
      if (outstanding.size < MAX_OUTSTANDING && now() - entry.sentAt < policy.retryForMs) break;
      forget(old);
    }
    outstanding.set(id, { frame, sentAt: now(), lost: false, resent: false });
  };
  const markLost = (id: string | undefined): void => {
    const entry = id === undefined ? undefined : outstanding.get(id);
    if (entry === undefined || entry.lost) return;
    entry.lost = true;
    lostCount++;
    recover();
  };
  const clearTimer = (id: TimerId | undefined): undefined => {
    if (id !== undefined) reconnect?.clock.clearTimeout(id);
    return undefined;
  };

  // Keeps the hold, the re-send timer and the give-up timer in step with what is lost.
  const recover = (): void => {
    if (reconnect === undefined || closed) return;
    if (lostCount > 0) hold ??= hops?.hold(() => `${deviceId}: ${lostCount} request(s) to re-send once the broker is back (${topics.req})`);
    else {
      hold?.release();
      hold = undefined;
    }
    if (ready && lostCount === 0) {
      giveUpTimer = clearTimer(giveUpTimer);
      resendTimer = clearTimer(resendTimer);
      resendAttempt = 0;
      return;
    }
    // Counted from the first loss of an outage: the connection's close, or a frame lost on the way.
    if (lostCount > 0 || up) giveUpTimer ??= reconnect.clock.setTimeout(giveUp, policy.linkDownAfterMs);
    if (ready && resendTimer === undefined) resendTimer = reconnect.clock.setTimeout(resendLost, backoffDelay(policy, resendAttempt++));
  };
  const resendLost = (): void => {
    resendTimer = undefined;
    if (!ready || closed) return;
    for (const [id, entry] of [...outstanding]) {
      if (!entry.lost) continue;
      if (now() - entry.sentAt >= policy.retryForMs) {
        forget(id);
        continue;
      }
      entry.lost = false;
      entry.resent = true;
      lostCount--;
      resent++;
      // A re-send that is lost at once (the server is still away) marks it lost again.
      publish(entry.frame);
    }
    recover();
  };
  // The outage outlasted the policy: connected or not, stop waiting for what was lost.
  const giveUp = (): void => {
    giveUpTimer = undefined;
    resendTimer = clearTimer(resendTimer);
    resendAttempt = 0;
    for (const [id, entry] of [...outstanding]) if (entry.lost || !ready) forget(id);
    if (!ready) setStatus(false);
    recover();
  };

  const onMessage = (topic: string, payload: Buffer): void => {
    if (topic !== topics.res) return;
    const text = payloadText(payload);
    if (!text.ok) return refuse(topic, text.error.message);
    const deliver = (): void => {
      if (closed) return;
      if (reconnect !== undefined && !answered(text.value)) return;
      frames.emit(text.value);
    };
    if (hops === undefined) deliver();
    else hops.arrived(topic, text.value, deliver);
  };
  // Whether a reply is the first to its request; a second one can only answer a re-send.
  const answered = (reply: string): boolean => {
    const id = frameId(reply);
    if (id === undefined) return true;
    const entry = forget(id);
    if (entry !== undefined) {
      if (entry.resent) remember(id);
      recover();
      return true;
    }
    if (!answeredAfterRetry.has(id)) return true;
    duplicateReplies++;
    return false;
  };
  const remember = (id: string): void => {
    answeredAfterRetry.add(id);
    if (answeredAfterRetry.size > MAX_OUTSTANDING) answeredAfterRetry.delete(answeredAfterRetry.values().next().value!);
  };

  // Frames in flight over a connection that died are dropped by `hops`, which watches it too.
  const onConnect = (): void => {
    if (reconnect === undefined) return setStatus(true);
    void resubscribe();
  };
  const resubscribe = async (): Promise<void> => {
    try {
      await subscribeReplies(client, topics.res, deviceId);
    } catch (error) {
      if (closed) return;
      // Connected but deaf: drop the connection and let the backoff try again.
      refuse(topics.res, `after a reconnect: ${(error as Error).message}`);
      client.stream.destroy();
      return;
    }
    if (closed || !client.connected) return;
    ready = true;
    hops?.resumed(client);
    setStatus(true);
    reconnected.emit();
    resendAttempt = 0;
    resendLost();
  };
  const onClose = (): void => {
    if (reconnect === undefined) return setStatus(false);
    ready = false;
    resendTimer = clearTimer(resendTimer);
    for (const entry of outstanding.values()) {
      if (!entry.lost) lostCount++;
      entry.lost = true;
    }
    recover();
  };
  const onEnd = (): void => setStatus(false);
  const onLost = (topic: string, frame: string): void => {
    if (topic === topics.req || topic === topics.res) markLost(frameId(frame));
  };

  await subscribeReplies(client, topics.res, deviceId);
  const unlisten = hops?.listen(client, topics.res);
  const stopHearingLosses = reconnect === undefined ? undefined : hops?.onLost(client, onLost);
  client.on('message', onMessage);
  client.on('connect', onConnect);
  client.on('close', onClose);
  client.on('end', onEnd);
  if (reconnect === undefined) client.on('offline', onEnd);
  else kept = keepConnected({ client, clock: reconnect.clock, policy });
  up = ready = client.connected;

  return {
    send(frame) {
      const bytes = Buffer.byteLength(frame);
      if (bytes > MAX_FRAME_BYTES) return refuse(topics.req, `frame of ${bytes} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit; not sent`);
      if (!up || closed) return;
      const id = reconnect === undefined ? undefined : frameId(frame);
      if (id !== undefined) track(id, frame);
      // Between a drop and the give-up the frame waits for the reconnect, holding the clock,
      // and keeps its place in the order frames take effect in.
      if (!ready) {
        hops?.unsent(topics.req, frame);
        return markLost(id);
      }
      publish(frame);
    },
    onFrame: (handler) => frames.add(handler),
    isUp: () => up,
    onStatus: (handler) => status.add(handler),
    refused: () => refused,
    retries: () => ({ resent, duplicateReplies }),
    onReconnect: (handler) => reconnected.add(handler),
    isReady: () => ready && !closed,
    async close() {
      closed = true;
      kept?.stop();
      giveUpTimer = clearTimer(giveUpTimer);
      resendTimer = clearTimer(resendTimer);
      hold?.release();
      hold = undefined;
      outstanding.clear();
      lostCount = 0;
      client.off('message', onMessage);
      client.off('connect', onConnect);
      client.off('close', onClose);
      client.off('end', onEnd);
      client.off('offline', onEnd);
      stopHearingLosses?.();
      unlisten?.();
      if (client.connected) await client.unsubscribeAsync(topics.res).catch(() => undefined);
    },
  };
}

/** Subscribes `res` at QoS 1; a broker that refuses (SUBACK 128) gets a named error. */
async function subscribeReplies(client: MqttClient, topic: string, deviceId: string): Promise<void> {
  const refusal = new Error(`MQTT link of ${deviceId}: the broker refused the subscription to ${topic}; does the client connect as ${deviceId}?`);
  try {
    const grants = await client.subscribeAsync(topic, { qos: 1 });
    if (grants.some((grant) => grant.qos === 128)) throw refusal;
  } catch (error) {
    if (error === refusal || (error as { packet?: unknown }).packet !== undefined) throw refusal;
    throw new Error(`MQTT link of ${deviceId}: cannot subscribe to ${topic}: ${(error as Error).message}`);
  }
}
