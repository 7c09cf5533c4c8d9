import type { MqttClient } from 'mqtt';
import type { Clock } from '../../emulator/clock/Clock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import type { Link } from '../../emulator/link/Link.ts';
import type { Random } from '../../emulator/random/Random.ts';
import { connectMqtt, type ConnectMqttOptions } from '../../broker/connect.ts';
import { createEmbeddedBroker, type EmbeddedBroker } from '../../broker/createBroker.ts';
import { brokerSecret, LICENSE_SERVER_USER } from '../../broker/brokerSecret.ts';
import { createCredentials, type Credentials } from '../../broker/credentials.ts';
import type { RefusalLogger } from '../../broker/policy.ts';
import { gateLink, type GatedLink } from '../../broker/links/gatedLink.ts';
import { createFrameHops } from '../../broker/links/frameHops.ts';
import { createMqttDeviceLink, type MqttDeviceLink } from '../../broker/links/mqttDeviceLink.ts';
import { serveOverMqtt } from '../../broker/links/mqttServerEndpoint.ts';
import { offlineWill, publishDeviceState } from '../../broker/links/deviceState.ts';
import { logToStderr, type FrameRefusalLogger } from '../../broker/links/payloadText.ts';
import type { ReconnectPolicy } from '../../broker/links/reconnectPolicy.ts';
import { fail, unwrap, type Result } from '../../protocol/result.ts';
import { DEFAULT_IO_TIMEOUT_MS } from './ioTimeout.ts';
import type { BrokerOutage, DeviceWire, Transport } from './Transport.ts';
import { HarnessErrorCode } from '../errorCodes.ts';

/** 'stream': embedded aedes over in-process streams; 'tcp': embedded aedes on 127.0.0.1; or any broker by URL. */
export type MqttMode = 'stream' | 'tcp' | { readonly url: string };

export interface MqttTransportOptions {
  readonly server: { serveLink(link: Link): () => void };
  /** Draws the service's client ID on an external broker. */
  readonly random: Random;
  /**
   * The run-level seed every broker password derives from (broker/brokerSecret.ts), so a
   * password file from `fleetrig credentials` serves an external broker. Without it, this
   * transport's random stream name stands in (fine for the embedded broker, which is told them).
   */
  readonly credentialSeed?: number;
  readonly mode: MqttMode;
  /** The run's clock: frames on the wire are held on it hop by hop, broker refusals stamped with it. */
  readonly clock?: Clock;
  /**
   * Wall-clock milliseconds one frame may take across a real socket ('tcp', a broker URL)
   * before the clock halts with IO_TIMEOUT; DEFAULT_IO_TIMEOUT_MS by default. 'stream' has no
   * limit: every frame there arrives, or is known lost, in this process.
   */
  readonly ioTimeoutMs?: number;
  /** Refused frames; stderr by default. */
  readonly log?: FrameRefusalLogger;
  /** Refused connects, publishes and subscribes at the embedded broker; stderr by default. */
  readonly brokerLog?: RefusalLogger;
  /**
   * 'stream' only: also open the embedded broker on TCP for clients outside this process
   * (`fleetrig serve`); port 0 picks a free one. The fleet itself stays on in-process streams.
   */
  readonly listen?: { readonly port: number; readonly host?: string };
  /**
   * How devices and the server's endpoint come back after losing the broker (reconnectPolicy.ts);
   * its timers run on `clock`, the wall clock by default: an outage happens in real time.
   */
  readonly reconnect?: { readonly clock?: Clock; readonly policy?: ReconnectPolicy };
  /** The server takes the requests of attached devices only, not every device's: one shard of a split fleet. */
  readonly attachedOnly?: boolean;
}

export interface MqttTransport extends Transport {
  /** The embedded broker; undefined when the transport uses an external one. */
  readonly broker?: EmbeddedBroker;
  /** Where clients reach the broker over TCP (`mqtt://127.0.0.1:PORT`); undefined in 'stream' mode unless it also listens. */
  readonly url?: string;
  /** `family` goes into the device's last will, so its offline marker keeps it. */
  attach(deviceId: string, options?: { family?: string }): Promise<DeviceWire>;
  /** Publishes a device's state retained on its `state` topic, from its own connection. */
  publishState(deviceId: string, state: object): Promise<Result<void>>;
  /** A further service client (a dashboard, a test) on the same broker; closed by the caller. */
  connectService(name: string): Promise<MqttClient>;
  /**
   * Lets a device this process does not emulate log in to the embedded broker, by its secret's
   * SHA-256 digest (hex); refused with an external broker, whose users are its own.
   */
  admitDevice(deviceId: string, secretDigest: string): Result<void>;
}

interface AttachedDevice {
  readonly client: MqttClient;
  readonly link: MqttDeviceLink;
  readonly gate: GatedLink;
  /** The last state published, for republishing after a reconnect: a restarted broker retains none. */
  state?: object;
}

/** The license server's broker identity. */
const SERVICE = LICENSE_SERVER_USER;

/**
 * Devices reach the license server through an MQTT broker: each device its own client
 * (client ID = username = device ID) and link, the server one service client serving every
 * device's `req` topic. With the embedded broker every device gets its own secret; an
 * external one (Mosquitto) is used as configured — it is sent the same credentials. Two runs
 * on one external broker at once would see each other's devices if their IDs coincide.
 */
export async function createMqttTransport(options: MqttTransportOptions): Promise<MqttTransport> {
  const { server, random, mode, clock } = options;
  const log = options.log ?? logToStderr;
  const hops = clock === undefined ? undefined : createFrameHops({
    clock, ioLimitMs: mode === 'stream' ? undefined : options.ioTimeoutMs ?? DEFAULT_IO_TIMEOUT_MS,
  });
  const credentials = typeof mode === 'string' ? createCredentials() : undefined;
  const broker = credentials === undefined ? undefined : await createEmbeddedBroker({ credentials, clock, log: options.brokerLog });
  // An external broker cannot be stopped from here: its `brokerDown` cuts this process's clients
  // off it instead, every (re)connect failing until `brokerUp`.
  let cutOff = false;
  const reached = await reach(mode, broker);
  const where: Pick<ConnectMqttOptions, 'stream' | 'url' | 'reachable'> = reached.url === undefined ? reached : { ...reached, reachable: () => !cutOff };
  const listening = mode === 'stream' && options.listen !== undefined && broker !== undefined
    ? await broker.listen(options.listen.port, options.listen.host ?? '127.0.0.1').catch(async (error: unknown) => {
      await broker.close();
      throw error;
    })
    : undefined;
  const secret = (user: string): string => brokerSecret({ credentialSeed: options.credentialSeed ?? random.seed, username: user });
  const devices = new Map<string, AttachedDevice>();
  // Kept alive: while the broker is down, the next attempt is all the process has left to wait for.
  const reconnect = { clock: options.reconnect?.clock ?? new WallClock({ keepAlive: true }), policy: options.reconnect?.policy };

  if (credentials !== undefined) unwrap(credentials.addService(SERVICE, secret(SERVICE)));
  // On a shared broker a fixed service client ID would knock another run's service off (the
  // seed alone is not enough: two runs may share one), so it carries the process ID too.
  const serviceClientId = (name: string): string => (broker === undefined ? `${name}-${process.pid}-${random.fork(`mqtt-client-id/${name}`).hex(3)}` : name);
  const service = await connectMqtt({ ...where, username: SERVICE, password: secret(SERVICE), clientId: serviceClientId(SERVICE) }).catch(async (error: unknown) => {
    await broker?.close();
    throw error;
  });
  const endpoint = await serveOverMqtt({ client: service, serve: (link) => server.serveLink(link), hops, log, reconnect, perDevice: options.attachedOnly === true }).catch(async (error: unknown) => {
    await service.endAsync();
    await broker?.close();
    throw error;
  });

  /** Who is not connected and subscribed again yet: device IDs, and the license server by its name. */
  const notBack = (): string[] => [
    ...(endpoint.isListening() ? [] : [SERVICE]),
    ...[...devices].filter(([, device]) => !device.link.isReady()).map(([id]) => id),
  ];
  const outage: BrokerOutage = {
    isDown: () => (broker === undefined ? cutOff : !broker.isRunning()),
    async down() {
      if (broker !== undefined) return broker.stop();
      cutOff = true;
      for (const client of [service, ...[...devices.values()].map((device) => device.client)]) client.stream.destroy();
    },
    async up(withinMs) {
      if (broker === undefined) cutOff = false;
      else await broker.start();
      const back = await new Promise<boolean>((resolve) => {
        const unsubscribe = [endpoint.onResumed(check), ...[...devices.values()].map((device) => device.link.onReconnect(check))];
        const timer = reconnect.clock.setTimeout(() => finish(false), withinMs);
        function check(): void {
          if (notBack().length === 0) finish(true);
        }
        function finish(all: boolean): void {
          reconnect.clock.clearTimeout(timer);
          for (const stop of unsubscribe) stop();
          resolve(all);
        }
        check();
      });
      const missing = notBack();
      if (back) return { ok: true, value: { clients: devices.size + 1 } };
      return fail(HarnessErrorCode.BrokerNotBack, `brokerUp: ${missing.length} of ${devices.size + 1} clients not subscribed again within ${withinMs} ms of wall time: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`, 'brokerUp');
    },
  };

  const sendState = (device: AttachedDevice, deviceId: string, state: object): Promise<Result<void>> => {
    const published = publishDeviceState(device.client, deviceId, state);
    return hops === undefined ? published : hops.awaiting(() => `the broker's PUBACK for the state of ${deviceId}`, published);
  };

  return {
    name: typeof mode === 'string' ? `mqtt-${mode}` : `mqtt ${mode.url}`,
    ...(broker === undefined ? {} : { broker }),
    outage,
    ...(where.url === undefined ? (listening === undefined ? {} : { url: `mqtt://${listening.host}:${listening.port}` }) : { url: where.url }),
    async attach(deviceId, attachOptions = {}) {
      if (devices.has(deviceId)) throw new Error(`MQTT transport: device ${deviceId} is already attached`);
      if (credentials !== undefined) register(credentials, deviceId, secret(deviceId));
      await endpoint.serveDevice(deviceId);
      const client = await connectMqtt({
        ...where, username: deviceId, password: secret(deviceId), clientId: deviceId, will: offlineWill(deviceId, attachOptions.family),
      });
      const link = await createMqttDeviceLink({ client, deviceId, hops, log, reconnect });
      const gate = gateLink(link);
      const device: AttachedDevice = { client, link, gate };
      devices.set(deviceId, device);
      link.onReconnect(() => {
        if (device.state !== undefined) void sendState(device, deviceId, device.state);
      });
      return { link: gate.link, setUp: (up) => gate.setUp(up) };
    },
    async publishState(deviceId, state) {
      const device = devices.get(deviceId);
      if (device === undefined) return fail('NO_SUCH_DEVICE', `MQTT transport: device ${deviceId} is not attached`, deviceId);
      device.state = state;
      return sendState(device, deviceId, state);
    },
    admitDevice(deviceId, secretDigest) {
      if (credentials === undefined) return fail('BAD_REQUEST', `the broker at ${where.url ?? 'the given URL'} keeps its own users; add ${deviceId} there`, 'broker');
      return credentials.addDeviceDigest(deviceId, secretDigest);
    },
    async connectService(name) {
      if (credentials !== undefined) unwrap(credentials.addService(name, secret(name)));
      return connectMqtt({ ...where, username: name, password: secret(name), clientId: serviceClientId(name) });
    },
    async close() {
      const attached = [...devices.values()];
      devices.clear();
      await Promise.all(attached.map(async ({ client, link, gate }) => {
        gate.detach();
        await link.close();
        await client.endAsync();
      }));
      await endpoint.close();
      await service.endAsync();
      await broker?.close();
    },
  };
}

async function reach(mode: MqttMode, broker: EmbeddedBroker | undefined): Promise<Pick<ConnectMqttOptions, 'stream' | 'url'>> {
  if (typeof mode !== 'string') return { url: mode.url };
  if (broker === undefined) throw new Error('MQTT transport: an embedded mode needs the embedded broker');
  if (mode === 'stream') return { stream: () => broker.connectStream() };
  const { port } = await broker.listen(0, '127.0.0.1');
  return { url: `mqtt://127.0.0.1:${port}` };
}

function register(credentials: Credentials, deviceId: string, secret: string): void {
  const added = credentials.addDevice(deviceId, secret);
  if (!added.ok) throw new Error(`MQTT transport: cannot register device ${deviceId}: ${added.error.message}`);
}
