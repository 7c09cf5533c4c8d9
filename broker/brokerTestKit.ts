import type { MqttClient } from 'mqtt';
import { connectMqtt } from './connect.ts';
import type { ConnectMqttOptions } from './connect.ts';
import { createEmbeddedBroker } from './createBroker.ts';
import type { EmbeddedBroker } from './createBroker.ts';
import { createCredentials } from './credentials.ts';
import type { Refusal } from './policy.ts';
import { unwrap } from '../protocol/result.ts';

/**
 * Test support: a fresh embedded broker with two devices and one service, reached either
 * in-process or over TCP on 127.0.0.1, and the refusals it logged.
 */
export type TransportName = 'in-process' | 'tcp';
export const TRANSPORTS: readonly TransportName[] = ['in-process', 'tcp'];

export const DEVICE_A = 'gw-0001';
export const DEVICE_B = 'gw-0002';
export const SERVICE = 'license-server';
export const SECRETS: Readonly<Record<string, string>> = {
  [DEVICE_A]: 'secret-a',
  [DEVICE_B]: 'secret-b',
  [SERVICE]: 'secret-service',
};

export interface TestBroker {
  readonly broker: EmbeddedBroker;
  readonly refusals: Refusal[];
  /** Where clients connect: `{ stream }` or `{ url }`. */
  readonly transport: Pick<ConnectMqttOptions, 'stream' | 'url'>;
  readonly port: number | undefined;
  /** Connects as `user` with its registered secret and client ID = user, unless overridden. */
  connect(user: string, overrides?: Partial<ConnectMqttOptions>): Promise<MqttClient>;
}

export async function startTestBroker(transportName: TransportName): Promise<TestBroker> {
  const credentials = createCredentials();
  unwrap(credentials.addDevice(DEVICE_A, SECRETS[DEVICE_A] ?? ''));
  unwrap(credentials.addDevice(DEVICE_B, SECRETS[DEVICE_B] ?? ''));
  unwrap(credentials.addService(SERVICE, SECRETS[SERVICE] ?? ''));
  const refusals: Refusal[] = [];
  const broker = await createEmbeddedBroker({ credentials, log: (entry) => refusals.push(entry) });
  let port: number | undefined;
  let transport: TestBroker['transport'];
  if (transportName === 'tcp') {
    port = (await broker.listen(0, '127.0.0.1')).port;
    transport = { url: `mqtt://127.0.0.1:${port}` };
  } else {
    transport = { stream: () => broker.connectStream() };
  }
  return {
    broker,
    refusals,
    transport,
    port,
    connect: (user, overrides = {}) =>
      connectMqtt({ ...transport, username: user, password: SECRETS[user] ?? '', clientId: user, ...overrides }),
  };
}

export interface Received {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

/** The next message `client` receives on `topic`. */
export function nextMessage(client: MqttClient, topic: string): Promise<Received> {
  return new Promise((resolve) => {
    const onMessage = (got: string, payload: Buffer, packet: { retain: boolean }): void => {
      if (got !== topic) return;
      client.off('message', onMessage);
      resolve({ topic: got, payload: payload.toString(), retain: packet.retain });
    };
    client.on('message', onMessage);
  });
}

/** Every message `client` receives from now on, in order. */
export function recordMessages(client: MqttClient): Received[] {
  const received: Received[] = [];
  client.on('message', (topic, payload, packet) => received.push({ topic, payload: payload.toString(), retain: packet.retain }));
  return received;
}

/** Resolves when the client's connection is gone. */
export function closed(client: MqttClient): Promise<void> {
  return new Promise((resolve) => client.once('close', () => resolve()));
}

/** The QoS the broker granted per filter; a refused filter is 128. */
export async function grantedQos(client: MqttClient, filters: string[]): Promise<number[]> {
  try {
    const grants = await client.subscribeAsync(filters, { qos: 1 });
    return grants.map((grant) => grant.qos);
  } catch (error) {
    // mqtt.js rejects a SUBACK that refuses any filter, carrying the packet.
    const packet = (error as { packet?: { granted?: number[] } }).packet;
    if (packet?.granted === undefined) throw error;
    return packet.granted;
  }
}
