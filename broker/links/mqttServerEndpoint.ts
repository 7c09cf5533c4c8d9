import type { MqttClient } from 'mqtt';
import type { Clock } from '../../emulator/clock/Clock.ts';
import { Listeners, type Link, type Unsubscribe } from '../../emulator/link/Link.ts';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { anyDeviceFilter, deviceTopics, parseDeviceTopic, TOPIC_ROOT } from '../topics.ts';
import type { FrameHops } from './frameHops.ts';
import { keepConnected } from './keepConnected.ts';
import type { ReconnectPolicy } from './reconnectPolicy.ts';
import { logToStderr, payloadText, type FrameRefusalLogger } from './payloadText.ts';

export interface ServeOverMqttOptions {
  /** A service client (e.g. `license-server`), allowed to subscribe every `req` and publish every `res`. */
  readonly client: MqttClient;
  /** Serves one device's link until the returned function is called — `server.serveLink`. */
  readonly serve: (link: Link) => () => void;
  /**
   * The transport's frames in flight: when given, requests and replies are held on the clock hop
   * by hop and requests reach the server in the order the devices sent them (see frameHops.ts).
   */
  readonly hops?: FrameHops;
  /** Where refused frames are reported, with their topic; stderr by default. */
  readonly log?: FrameRefusalLogger;
  /**
   * Come back after losing the broker: reconnect with backoff on `clock` (the wall clock for a
   * real broker) and subscribe to every `req` again. What was lost meanwhile the devices re-send
   * (mqttDeviceLink.ts); the reply cache answers a re-sent request ID without acting again.
   */
  readonly reconnect?: { readonly clock: Clock; readonly policy?: ReconnectPolicy };
  /**
   * Subscribe to the `req` of each device `serveDevice` names instead of every device's: a fleet
   * split across processes runs one server per shard on one broker, and each takes only its own
   * devices' requests — none passes through another shard, and no service queue at the broker
   * holds more than its shard's burst.
   */
  readonly perDevice?: boolean;
}

export interface MqttServerEndpoint {
  /** Frames refused so far, in either direction. */
  refused(): number;
  /** Devices that have sent at least one accepted frame, each with its own served link. */
  devices(): number;
  /** Whether it is subscribed to the devices' requests now: false from a lost connection until the resubscribe after the reconnect. */
  isListening(): boolean;
  /** `handler` hears each time the endpoint is subscribed again after a reconnect. */
  onResumed(handler: () => void): Unsubscribe;
  /** With `perDevice`: subscribes to this device's requests (again after each reconnect); resolves on the SUBACK. */
  serveDevice(deviceId: string): Promise<void>;
  /** Stops serving every device link and unsubscribes; the client itself stays open. */
  close(): Promise<void>;
}

interface DeviceEnd {
  readonly frames: Listeners<string>;
  stop: () => void;
}

const REQ_SUFFIX = '/req';
/** Filters per SUBSCRIBE when a reconnect subscribes a shard's devices again. */
const FILTERS_PER_SUBSCRIBE = 500;

/**
 * The server's side of MQTT: one subscription to every device's `req`, and per device seen a
 * virtual Link whose `send` publishes to that device's `res` — so a server that serves links
 * (serveLink) serves MQTT devices unchanged. Payloads that are oversized, not UTF-8, not a JSON
 * object, or that name another device than their topic are refused, logged and counted; the
 * broker ACL already stops a device from writing another's topic, this is defence in depth.
 */
export async function serveOverMqtt(options: ServeOverMqttOptions): Promise<MqttServerEndpoint> {
  const { client, serve, hops } = options;
  const log = options.log ?? logToStderr;
  const ends = new Map<string, DeviceEnd>();
  const status = new Listeners<boolean>();
  const resumed = new Listeners<void>();
  let listening = true;
  let refused = 0;
  let closed = false;

  const refuse = (topic: string, reason: string): void => {
    refused++;
    log({ topic, reason });
  };

  const endFor = (deviceId: string): DeviceEnd => {
    const existing = ends.get(deviceId);
    if (existing !== undefined) return existing;
    const res = deviceTopics(deviceId).res;
    const end: DeviceEnd = { frames: new Listeners(), stop: () => {} };
    const link: Link = {
      send(frame) {
        const bytes = Buffer.byteLength(frame);
        if (bytes > MAX_FRAME_BYTES) return refuse(res, `reply of ${bytes} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit; not sent`);
        if (closed) return;
        // Asked even while disconnected: the device then hears its reply was lost, and re-sends.
        const hop = hops?.sent(client, res, frame);
        if (!client.connected) return;
        client.publish(res, frame, { qos: 1 }, (error) => {
          if (error) hop?.drop();
        });
      },
      onFrame: (handler) => end.frames.add(handler),
      isUp: () => client.connected,
      onStatus: (handler) => status.add(handler),
    };
    ends.set(deviceId, end);
    end.stop = serve(link);
    return end;
  };

  const take = (topic: string, text: string): void => {
    if (closed) return;
    const accepted = acceptRequest(topic, text);
    if (!accepted.ok) return refuse(topic, accepted.error.message);
    try {
      endFor(accepted.value).frames.emit(text);
    } catch (error) {
      refuse(topic, `the server failed on this frame: ${(error as Error).message}`);
    }
  };
  const onMessage = (topic: string, payload: Buffer): void => {
    if (closed || !topic.startsWith(`${TOPIC_ROOT}/dev/`) || !topic.endsWith(REQ_SUFFIX)) return;
    const text = payloadText(payload);
    if (!text.ok) return refuse(topic, text.error.message);
    if (hops === undefined) take(topic, text.value);
    else hops.arrived(topic, text.value, () => take(topic, text.value));
  };
  const served = new Set<string>();
  const subscribe = async (filters: string | string[]): Promise<void> => {
    const grants = await client.subscribeAsync(filters, { qos: 1 });
    if (grants.some((grant) => grant.qos === 128)) throw new Error('SUBACK 128');
  };
  const subscribeRequests = async (): Promise<void> => {
    if (options.perDevice !== true) return subscribe(anyDeviceFilter('req'));
    const filters = [...served];
    for (let i = 0; i < filters.length; i += FILTERS_PER_SUBSCRIBE) await subscribe(filters.slice(i, i + FILTERS_PER_SUBSCRIBE));
  };
  const onUp = (): void => {
    if (options.reconnect === undefined) {
      listening = true;
      return status.emit(true);
    }
    subscribeRequests().then(
      () => {
        if (closed || !client.connected) return;
        listening = true;
        hops?.resumed(client);
        status.emit(true);
        resumed.emit();
      },
      (error: unknown) => {
        if (closed) return;
        // Connected but deaf: drop the connection and let the backoff try again.
        refuse(anyDeviceFilter('req'), `after a reconnect, the subscription failed (${(error as Error).message})`);
        client.stream.destroy();
      },
    );
  };
  // Frames in flight over a connection that died are dropped by `hops`, which watches it too.
  const onDown = (): void => {
    listening = false;
    status.emit(false);
  };

  client.on('message', onMessage);
  client.on('connect', onUp);
  client.on('close', onDown);
  try {
    await subscribeRequests();
  } catch (error) {
    client.off('message', onMessage);
    throw new Error(`serveOverMqtt: the broker refused the subscription to ${anyDeviceFilter('req')} (${(error as Error).message}); connect as a service`);
  }
  const unlisten = hops?.listen(client, anyDeviceFilter('req'));
  const kept = options.reconnect === undefined ? undefined : keepConnected({ client, ...options.reconnect });

  return {
    refused: () => refused,
    devices: () => ends.size,
    isListening: () => listening && !closed,
    onResumed: (handler) => resumed.add(handler),
    async serveDevice(deviceId) {
      if (options.perDevice !== true) return;
      const req = deviceTopics(deviceId).req;
      served.add(req);
      await subscribe(req);
    },
    async close() {
      if (closed) return;
      closed = true;
      kept?.stop();
      client.off('message', onMessage);
      client.off('connect', onUp);
      client.off('close', onDown);
      unlisten?.();
      for (const end of ends.values()) end.stop();
      ends.clear();
      if (client.connected) await client.unsubscribeAsync(options.perDevice === true ? [...served] : anyDeviceFilter('req')).catch(() => undefined);
    },
  };
}

/**
 * The checks a request passes before the server sees it, past its size and encoding; the
 * envelope schema is the server's. Returns the device whose link serves it.
 */
function acceptRequest(topic: string, text: string): Result<string> {
  const parsed = parseDeviceTopic(topic);
  if (!parsed.ok) return parsed;
  const { deviceId } = parsed.value;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(ErrorCode.BadRequest, `not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail(ErrorCode.BadRequest, 'not a JSON object');
  const claimed = (json as { deviceId?: unknown }).deviceId;
  if (claimed !== undefined && claimed !== deviceId) {
    return fail(ErrorCode.Forbidden, `request names device ${JSON.stringify(claimed)} but came on device ${JSON.stringify(deviceId)}'s topic`, 'deviceId');
  }
  return ok(deviceId);
}
