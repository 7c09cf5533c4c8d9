import type { MqttClient } from 'mqtt';
import type { Clock } from '../../emulator/clock/Clock.ts';
import { Listeners, type Link } from '../../emulator/link/Link.ts';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { deviceTopics } from '../topics.ts';
import { createInFlight, frameId } from './inFlight.ts';
import { logToStderr, payloadText, type FrameRefusalLogger } from './payloadText.ts';

export interface MqttDeviceLinkOptions {
  /** Connected as this device (client ID = username = deviceId); owned by the caller. */
  readonly client: MqttClient;
  readonly deviceId: string;
  /** When given, each request is tracked on it from send until its reply arrives (see inFlight.ts). */
  readonly clock?: Clock;
  /** Where refused frames are reported; stderr by default. */
  readonly log?: FrameRefusalLogger;
  /** Wall-clock bound on holding the clock for one reply; 5 000 ms by default. */
  readonly replyCapMs?: number;
}

export interface MqttDeviceLink extends Link {
  /** Frames refused in either direction: oversized, or (incoming) not UTF-8. */
  refused(): number;
  /** Detaches from the client and unsubscribes `res`; the client itself stays open. */
  close(): Promise<void>;
}

/**
 * A device's Link over MQTT: frames it sends are published on its `req` topic at QoS 1, frames
 * on its `res` topic are delivered to it. The link is up while the client is connected; frames
 * sent while it is down are lost, as on the memory link — mqtt.js would otherwise queue them.
 */
export async function createMqttDeviceLink(options: MqttDeviceLinkOptions): Promise<MqttDeviceLink> {
  const { client, deviceId, clock } = options;
  const log = options.log ?? logToStderr;
  const topics = deviceTopics(deviceId);
  const frames = new Listeners<string>();
  const status = new Listeners<boolean>();
  const inFlight = createInFlight({ clock, capMs: options.replyCapMs });
  let refused = 0;
  let up = client.connected;

  const refuse = (topic: string, reason: string): void => {
    refused++;
    log({ topic, reason: `${deviceId}: ${reason}` });
  };

  const onMessage = (topic: string, payload: Buffer): void => {
    if (topic !== topics.res) return;
    const text = payloadText(payload);
    if (!text.ok) return refuse(topic, text.error.message);
    frames.emit(text.value);
    const id = frameId(text.value);
    if (id !== undefined) inFlight.settle(id);
  };
  const setStatus = (next: boolean): void => {
    if (next === up) return;
    up = next;
    // Replies to requests in flight will not come over a dead connection.
    if (!up) inFlight.releaseAll();
    status.emit(up);
  };
  const onConnect = (): void => setStatus(true);
  const onDown = (): void => setStatus(false);

  await subscribeReplies(client, topics.res, deviceId);
  client.on('message', onMessage);
  client.on('connect', onConnect);
  for (const event of ['offline', 'close', 'end'] as const) client.on(event, onDown);
  up = client.connected;

  return {
    send(frame) {
      const bytes = Buffer.byteLength(frame);
      if (bytes > MAX_FRAME_BYTES) return refuse(topics.req, `frame of ${bytes} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit; not sent`);
      if (!up) return;
      const id = frameId(frame);
      if (id !== undefined) inFlight.open(id);
      // QoS 1: the broker acknowledges with PUBACK; a clock, if any, waits for that too.
      const acked = new Promise<void>((resolve) => {
        client.publish(topics.req, frame, { qos: 1 }, (error) => {
          if (error !== undefined && id !== undefined) inFlight.settle(id);
          resolve();
        });
      });
      if (clock !== undefined) void clock.track(acked);
    },
    onFrame: (handler) => frames.add(handler),
    isUp: () => up,
    onStatus: (handler) => status.add(handler),
    refused: () => refused,
    async close() {
      client.off('message', onMessage);
      client.off('connect', onConnect);
      for (const event of ['offline', 'close', 'end'] as const) client.off(event, onDown);
      inFlight.releaseAll();
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
