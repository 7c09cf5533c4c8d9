import type { MqttClient } from 'mqtt';
import type { Clock } from '../../emulator/clock/Clock.ts';
import { Listeners, type Link } from '../../emulator/link/Link.ts';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { anyDeviceFilter, deviceTopics, parseDeviceTopic, TOPIC_ROOT } from '../topics.ts';
import { createInFlight, frameId, idOf, type InFlight } from './inFlight.ts';
import { logToStderr, payloadText, type FrameRefusalLogger } from './payloadText.ts';

export interface ServeOverMqttOptions {
  /** A service client (e.g. `license-server`), allowed to subscribe every `req` and publish every `res`. */
  readonly client: MqttClient;
  /** Serves one device's link until the returned function is called — `server.serveLink`. */
  readonly serve: (link: Link) => () => void;
  /** When given, each request is tracked on it from receipt until its reply is acknowledged. */
  readonly clock?: Clock;
  /** Where refused frames are reported, with their topic; stderr by default. */
  readonly log?: FrameRefusalLogger;
  /** Wall-clock bound on holding the clock for one reply; 5 000 ms by default. */
  readonly replyCapMs?: number;
}

export interface MqttServerEndpoint {
  /** Frames refused so far, in either direction. */
  refused(): number;
  /** Devices that have sent at least one accepted frame, each with its own served link. */
  devices(): number;
  /** Stops serving every device link and unsubscribes; the client itself stays open. */
  close(): Promise<void>;
}

interface DeviceEnd {
  readonly frames: Listeners<string>;
  readonly inFlight: InFlight;
  stop: () => void;
}

const REQ_SUFFIX = '/req';

/**
 * The server's side of MQTT: one subscription to every device's `req`, and per device seen a
 * virtual Link whose `send` publishes to that device's `res` — so a server that serves links
 * (serveLink) serves MQTT devices unchanged. Payloads that are oversized, not UTF-8, not a JSON
 * object, or that name another device than their topic are refused, logged and counted; the
 * broker ACL already stops a device from writing another's topic, this is defence in depth.
 */
export async function serveOverMqtt(options: ServeOverMqttOptions): Promise<MqttServerEndpoint> {
  const { client, serve, clock } = options;
  const log = options.log ?? logToStderr;
  const ends = new Map<string, DeviceEnd>();
  const status = new Listeners<boolean>();
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
    const end: DeviceEnd = { frames: new Listeners(), inFlight: createInFlight({ clock, capMs: options.replyCapMs }), stop: () => {} };
    const link: Link = {
      send(frame) {
        const bytes = Buffer.byteLength(frame);
        if (bytes > MAX_FRAME_BYTES) return refuse(res, `reply of ${bytes} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit; not sent`);
        const id = frameId(frame);
        if (closed || !client.connected) {
          if (id !== undefined) end.inFlight.settle(id);
          return;
        }
        client.publish(res, frame, { qos: 1 }, () => {
          if (id !== undefined) end.inFlight.settle(id);
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

  const onMessage = (topic: string, payload: Buffer): void => {
    if (closed || !topic.startsWith(`${TOPIC_ROOT}/dev/`) || !topic.endsWith(REQ_SUFFIX)) return;
    const accepted = acceptRequest(topic, payload);
    if (!accepted.ok) return refuse(topic, accepted.error.message);
    const { deviceId, text, id } = accepted.value;
    const end = endFor(deviceId);
    if (id !== undefined) end.inFlight.open(id);
    try {
      end.frames.emit(text);
    } catch (error) {
      if (id !== undefined) end.inFlight.settle(id);
      refuse(topic, `the server failed on this frame: ${(error as Error).message}`);
    }
  };
  const onUp = (): void => status.emit(true);
  const onDown = (): void => {
    for (const end of ends.values()) end.inFlight.releaseAll();
    status.emit(false);
  };

  client.on('message', onMessage);
  client.on('connect', onUp);
  client.on('close', onDown);
  try {
    const grants = await client.subscribeAsync(anyDeviceFilter('req'), { qos: 1 });
    if (grants.some((grant) => grant.qos === 128)) throw new Error('SUBACK 128');
  } catch (error) {
    client.off('message', onMessage);
    throw new Error(`serveOverMqtt: the broker refused the subscription to ${anyDeviceFilter('req')} (${(error as Error).message}); connect as a service`);
  }

  return {
    refused: () => refused,
    devices: () => ends.size,
    async close() {
      if (closed) return;
      closed = true;
      client.off('message', onMessage);
      client.off('connect', onUp);
      client.off('close', onDown);
      for (const end of ends.values()) {
        end.stop();
        end.inFlight.releaseAll();
      }
      ends.clear();
      if (client.connected) await client.unsubscribeAsync(anyDeviceFilter('req')).catch(() => undefined);
    },
  };
}

interface AcceptedRequest {
  readonly deviceId: string;
  readonly text: string;
  readonly id: string | undefined;
}

/** The checks a request passes before the server sees it; the envelope schema is the server's. */
function acceptRequest(topic: string, payload: Buffer): Result<AcceptedRequest> {
  const parsed = parseDeviceTopic(topic);
  if (!parsed.ok) return parsed;
  const { deviceId } = parsed.value;
  const text = payloadText(payload);
  if (!text.ok) return text;
  let json: unknown;
  try {
    json = JSON.parse(text.value);
  } catch (error) {
    return fail(ErrorCode.BadRequest, `not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail(ErrorCode.BadRequest, 'not a JSON object');
  const claimed = (json as { deviceId?: unknown }).deviceId;
  if (claimed !== undefined && claimed !== deviceId) {
    return fail(ErrorCode.Forbidden, `request names device ${JSON.stringify(claimed)} but came on device ${JSON.stringify(deviceId)}'s topic`, 'deviceId');
  }
  return ok({ deviceId, text: text.value, id: idOf(json) });
}
