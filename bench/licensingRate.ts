/**
 * End-to-end licensing against raw MQTT, in one fresh process:
 * `node bin/run-ts.js bench/licensingRate.ts <gateways>`. First the raw rate: mqtt.js QoS 1
 * request/reply round trips through the embedded broker on in-process streams, one request
 * outstanding per client as a device has, a client per device; then the same number of
 * gateways each downloading its license files through the whole rig (device proof, broker,
 * license server, store, signed files verified and installed), timed from the download step's
 * start to the next step's. Prints one JSON line (LicensingRate).
 */
import type { MqttClient } from 'mqtt';
import { createEmbeddedBroker } from '../broker/createBroker.ts';
import { connectMqtt } from '../broker/connect.ts';
import { createCredentials } from '../broker/credentials.ts';
import { anyDeviceFilter, deviceTopics } from '../broker/topics.ts';
import { wallNow } from '../emulator/clock/wallClock.ts';
import { createCatalogue } from '../harness/catalogue.ts';
import { runScenario } from '../harness/runner/runScenario.ts';
import { parseScenarios } from '../harness/scenario/parseScenarios.ts';
import { transportFor } from '../harness/transport/chooseTransport.ts';
import { unwrap } from '../protocol/result.ts';

export interface LicensingRate {
  readonly devices: number;
  /** mqtt.js QoS 1 request/reply round trips per second through the embedded broker. */
  readonly rawRoundTripsPerSec: number;
  /** Gateways that downloaded and installed their license files, per second of the download step. */
  readonly activationsPerSec: number;
  readonly failure?: string;
}

const ROUNDS = 10;

async function rawRoundTrips(devices: number): Promise<number> {
  const credentials = createCredentials();
  const ids = Array.from({ length: devices }, (_, i) => `gw-${String(i + 1).padStart(5, '0')}`);
  for (const id of ids) unwrap(credentials.addDevice(id, `secret-${id}`));
  unwrap(credentials.addService('license-server', 'secret-service'));
  const broker = await createEmbeddedBroker({ credentials, log: () => {} });
  const stream = { stream: () => broker.connectStream() };
  const service = await connectMqtt({ ...stream, username: 'license-server', password: 'secret-service', clientId: 'license-server' });
  await service.subscribeAsync(anyDeviceFilter('req'), { qos: 1 });
  // The service answers each request on the device's res topic, as the license server does.
  service.on('message', (topic, payload) => void service.publish(topic.replace(/\/req$/, '/res'), payload, { qos: 1 }));
  const clients: MqttClient[] = [];
  for (const id of ids) {
    const client = await connectMqtt({ ...stream, username: id, password: `secret-${id}`, clientId: id });
    await client.subscribeAsync(deviceTopics(id).res, { qos: 1 });
    clients.push(client);
  }
  const started = wallNow();
  await Promise.all(clients.map(async (client, i) => {
    const topics = deviceTopics(ids[i]!);
    for (let round = 0; round < ROUNDS; round++) {
      const reply = new Promise<void>((resolve) => client.once('message', () => resolve()));
      await client.publishAsync(topics.req, JSON.stringify({ id: `r${round}`, op: 'bench.echo', body: {} }), { qos: 1 });
      await reply;
    }
  }));
  const rate = (devices * ROUNDS) / ((wallNow() - started) / 1000);
  await Promise.all([...clients, service].map((c) => c.endAsync()));
  await broker.close();
  return rate;
}

async function activations(devices: number): Promise<{ rate: number; failure?: string }> {
  const text = `
name: ${devices} gateways download their licenses
fleet: [{ family: gateway, count: ${devices} }]
portal:
  orders:
    - { id: rollout, account: bench, items: [{ feature: Port, count: 30, quantity: ${devices} }] }
steps:
  - order.activate: { order: rollout }
  - gateway.portal.bind: { order: rollout, devices: "*" }
  - gateway.download: { devices: "*" }
  - expect: { devices: "*", pendingReset: true }
`;
  const catalogue = createCatalogue();
  const { scenarios, errors } = parseScenarios(text, 'bench/licensingRate.yaml', catalogue);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
  const starts = new Map<string, number>();
  const result = await runScenario(scenarios[0]!, {
    seed: 1000, realtime: false, catalogue, transport: transportFor({ mode: 'stream' }),
    onStepStart: (step) => void starts.set(step.kind, wallNow()),
  });
  const seconds = (starts.get('expect')! - starts.get('gateway.download')!) / 1000;
  return result.status === 'passed' ? { rate: devices / seconds } : { rate: 0, failure: result.failure?.message ?? 'failed' };
}

async function main(): Promise<number> {
  const devices = Number(process.argv[2] ?? 1000);
  const raw = await rawRoundTrips(devices);
  const rig = await activations(devices);
  const figures: LicensingRate = {
    devices,
    rawRoundTripsPerSec: Math.round(raw),
    activationsPerSec: Math.round(rig.rate),
    ...(rig.failure === undefined ? {} : { failure: rig.failure }),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  return 0;
}

process.exitCode = await main();
