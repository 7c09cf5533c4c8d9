import { MqttClient } from 'mqtt';
import type { IClientOptions } from 'mqtt';
import { connect as tcpConnect } from 'node:net';
import { PassThrough, type Duplex } from 'node:stream';

export interface MqttWill {
  readonly topic: string;
  readonly payload: string | Buffer;
  readonly qos?: 0 | 1 | 2;
  readonly retain?: boolean;
}

export interface ConnectMqttOptions {
  /** `mqtt://host:port` (or `tcp://`) of an external or embedded broker. Give this or `stream`. */
  readonly url?: string;
  /** In-process transport, e.g. `() => broker.connectStream()`. Called again on reconnect. */
  readonly stream?: () => Duplex;
  /** A device ID or a service name. */
  readonly username: string;
  readonly password: string;
  /** Devices must use their device ID (see broker/acl.ts). */
  readonly clientId: string;
  readonly will?: MqttWill;
  /**
   * MQTT keepalive. mqtt.js and aedes time it on the wall clock, not the injected one: it
   * watches a real transport, and a virtual jump of hours must not look like a dead broker.
   * Default 60 over TCP; 0 (off) in-process, where a dead peer closes the stream itself and
   * thousands of devices would otherwise each run a wall-clock timer.
   */
  readonly keepaliveSeconds?: number;
  /** Wall-clock wait for CONNACK. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /**
   * mqtt.js' automatic reconnect; default 0 (off) — the caller owns link status and retries
   * (broker/links/keepConnected.ts), and subscribes again itself: mqtt.js' own resubscribe is off,
   * since it gives no SUBACK to wait for.
   */
  readonly reconnectPeriodMs?: number;
  /** TCP_NODELAY on the client socket; default true. Off only to measure what it saves. */
  readonly noDelay?: boolean;
  /**
   * With `url`: asked before each (re)connect; while it answers false the attempt fails at once,
   * as with the broker unreachable — the `brokerDown` fault on a broker this process cannot stop.
   */
  readonly reachable?: () => boolean;
}

/** Why connectMqtt failed (the `code` of its MqttConnectError). */
export const MqttConnectErrorCode = {
  /** The broker URL or connect options are unusable (unknown scheme, bad port, …). */
  OptionsInvalid: 'MQTT_OPTIONS_INVALID',
  /** The broker refused the connection in its CONNACK (e.g. return code 4, bad username or password). */
  ConnectRefused: 'MQTT_CONNECT_REFUSED',
  /** The broker could not be reached, or closed the connection before its CONNACK. */
  ConnectFailed: 'MQTT_CONNECT_FAILED',
} as const;
export type MqttConnectErrorCode = (typeof MqttConnectErrorCode)[keyof typeof MqttConnectErrorCode];

declare module '../protocol/errorCodes.ts' {
  interface ErrorCodeLayers {
    mqttConnect: MqttConnectErrorCode;
  }
}

/** Why connectMqtt failed; `returnCode` is the CONNACK code when the broker refused. */
export class MqttConnectError extends Error {
  readonly code: MqttConnectErrorCode;
  readonly returnCode: number | undefined;
  constructor(code: MqttConnectErrorCode, message: string, returnCode?: number) {
    super(message);
    this.name = 'MqttConnectError';
    this.code = code;
    this.returnCode = returnCode;
  }
}

/**
 * Connects mqtt.js over MQTT 3.1.1 and resolves once the broker accepted (CONNACK 0); rejects
 * with an MqttConnectError otherwise, leaving nothing running. The client always has an
 * 'error' listener, so a later transport error never throws out of the event loop.
 */
export function connectMqtt(options: ConnectMqttOptions): Promise<MqttClient> {
  const transport = streamBuilder(options);
  if (!transport.ok) return Promise.reject(new MqttConnectError('MQTT_OPTIONS_INVALID', transport.message));
  const clientOptions: IClientOptions = {
    protocolVersion: 4,
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean: true,
    keepalive: options.keepaliveSeconds ?? (options.stream === undefined ? 60 : 0),
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    reconnectPeriod: options.reconnectPeriodMs ?? 0,
    resubscribe: false,
    ...(options.will === undefined ? {} : { will: { qos: 0, retain: false, ...options.will } }),
  };
  const client = new MqttClient(transport.build, clientOptions);
  client.on('error', () => {});
  const where = options.url ?? 'in-process stream';

  return new Promise((resolve, reject) => {
    const settle = (error: MqttConnectError | undefined): void => {
      client.off('connect', onConnect);
      client.off('error', onError);
      client.off('close', onClose);
      if (error === undefined) return resolve(client);
      client.end(true);
      reject(error);
    };
    const onConnect = (): void => settle(undefined);
    const onError = (error: Error & { code?: unknown }): void => {
      const refused = typeof error.code === 'number';
      settle(
        refused
          ? new MqttConnectError('MQTT_CONNECT_REFUSED', `${where} refused ${options.clientId}: ${error.message}`, error.code as number)
          : new MqttConnectError('MQTT_CONNECT_FAILED', `cannot connect ${options.clientId} to ${where}: ${error.message}`),
      );
    };
    const onClose = (): void =>
      settle(new MqttConnectError('MQTT_CONNECT_FAILED', `${where} closed the connection of ${options.clientId} before CONNACK`));
    client.on('connect', onConnect);
    client.on('error', onError);
    client.on('close', onClose);
  });
}

/** A connection attempt that fails as a refused TCP connect does: an error, then close. */
function unreachable(where: string): Duplex {
  const stream = new PassThrough();
  queueMicrotask(() => stream.destroy(Object.assign(new Error(`connect ECONNREFUSED ${where} (the broker is cut off: brokerDown)`), { code: 'ECONNREFUSED' })));
  return stream;
}

type Transport = { ok: true; build: () => Duplex } | { ok: false; message: string };

function streamBuilder(options: ConnectMqttOptions): Transport {
  if ((options.url === undefined) === (options.stream === undefined)) {
    return { ok: false, message: 'connectMqtt: give exactly one of `url` and `stream`' };
  }
  if (options.stream !== undefined) return { ok: true, build: options.stream };
  let url: URL;
  try {
    url = new URL(options.url ?? '');
  } catch {
    return { ok: false, message: `connectMqtt: url ${JSON.stringify(options.url)} is not a URL; expected mqtt://host:port` };
  }
  if (url.protocol !== 'mqtt:' && url.protocol !== 'tcp:') {
    return { ok: false, message: `connectMqtt: url ${JSON.stringify(options.url)} uses ${url.protocol}; only mqtt:// and tcp:// are supported` };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? 1883 : Number(url.port);
  const noDelay = options.noDelay ?? true;
  return {
    ok: true,
    build: () => {
      if (options.reachable?.() === false) return unreachable(`${host}:${port}`);
      const socket = tcpConnect({ host, port });
      socket.setNoDelay(noDelay);
      return socket;
    },
  };
}
