import type { MqttClient } from 'mqtt';
import { Listeners, type Link } from '../../emulator/link/Link.ts';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { deviceTopics } from '../topics.ts';
import type { FrameHops } from './frameHops.ts';
import { logToStderr, payloadText, type FrameRefusalLogger } from './payloadText.ts';

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
  const { client, deviceId, hops } = options;
  const log = options.log ?? logToStderr;
  const topics = deviceTopics(deviceId);
  const frames = new Listeners<string>();
  const status = new Listeners<boolean>();
  let refused = 0;
  let up = client.connected;
  let closed = false;

  const refuse = (topic: string, reason: string): void => {
    refused++;
    log({ topic, reason: `${deviceId}: ${reason}` });
  };

  const onMessage = (topic: string, payload: Buffer): void => {
    if (topic !== topics.res) return;
    const text = payloadText(payload);
    if (!text.ok) return refuse(topic, text.error.message);
    const deliver = (): void => {
      if (!closed) frames.emit(text.value);
    };
    if (hops === undefined) deliver();
    else hops.arrived(topic, text.value, deliver);
  };
  // Frames in flight over a connection that died are dropped by `hops`, which watches it too.
  const setStatus = (next: boolean): void => {
    if (next === up) return;
    up = next;
    status.emit(up);
  };
  const onConnect = (): void => setStatus(true);
  const onDown = (): void => setStatus(false);

  await subscribeReplies(client, topics.res, deviceId);
  const unlisten = hops?.listen(client, topics.res);
  client.on('message', onMessage);
  client.on('connect', onConnect);
  for (const event of ['offline', 'close', 'end'] as const) client.on(event, onDown);
  up = client.connected;

  return {
    send(frame) {
      const bytes = Buffer.byteLength(frame);
      if (bytes > MAX_FRAME_BYTES) return refuse(topics.req, `frame of ${bytes} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit; not sent`);
      if (!up || closed) return;
      const hop = hops?.sent(client, topics.req, frame);
      // QoS 1. The PUBACK says nothing of delivery (aedes acknowledges before it forwards), so
      // the hop, not the acknowledgement, is what holds the clock.
      client.publish(topics.req, frame, { qos: 1 }, (error) => {
        if (error) hop?.drop();
      });
    },
    onFrame: (handler) => frames.add(handler),
    isUp: () => up,
    onStatus: (handler) => status.add(handler),
    refused: () => refused,
    async close() {
      closed = true;
      client.off('message', onMessage);
      client.off('connect', onConnect);
      for (const event of ['offline', 'close', 'end'] as const) client.off(event, onDown);
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
