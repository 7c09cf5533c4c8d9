import { connect as tcpConnect, type Socket } from 'node:net';
import fc from 'fast-check';
import { sleep } from '../emulator/clock/Clock.ts';
import { WallClock } from '../emulator/clock/wallClock.ts';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../license-server/testing/createTestServer.ts';
import { unwrap } from '../protocol/result.ts';
import { DEVICE_A, DEVICE_B, SECRETS, SERVICE } from './brokerTestKit.ts';
import { connectMqtt } from './connect.ts';
import { createEmbeddedBroker, type EmbeddedBroker } from './createBroker.ts';
import { createCredentials } from './credentials.ts';
import { serveOverMqtt, type MqttServerEndpoint } from './links/mqttServerEndpoint.ts';
import { MAX_PACKET_BYTES } from './packetGuard.ts';
import type { Refusal } from './policy.ts';
import { deviceTopics } from './topics.ts';
import { remainingLength } from './testing/mqttBytes.ts';

const wall = new WallClock();
const a = deviceTopics(DEVICE_A);
const b = deviceTopics(DEVICE_B);

/** An MQTT UTF-8 string: its length in two bytes, then the bytes. */
const str = (text: string): Buffer => {
  const bytes = Buffer.from(text);
  return Buffer.concat([Buffer.from([bytes.length >> 8 & 0xff, bytes.length & 0xff]), bytes]);
};
const packet = (type: number, body: Buffer, announced = body.length): Buffer => Buffer.concat([Buffer.from([type, ...remainingLength(announced)]), body]);

/** A CONNECT of any protocol level, client ID and credentials: device B's real ones sometimes. */
const connectPacket = fc.record({
  level: fc.constantFrom(3, 4, 5, 0, 255),
  name: fc.constantFrom('MQTT', 'MQIsdp', 'XXXX', ''),
  flags: fc.integer({ min: 0, max: 255 }),
  keepalive: fc.integer({ min: 0, max: 65_535 }),
  clientId: fc.oneof(fc.constant(DEVICE_B), fc.string({ maxLength: 30 })),
  real: fc.boolean(),
}).map((c) => {
  const creds = c.real ? Buffer.concat([str(DEVICE_B), str(SECRETS[DEVICE_B]!)]) : Buffer.alloc(0);
  const flags = c.real ? 0xc2 : c.flags;
  return packet(0x10, Buffer.concat([str(c.name), Buffer.from([c.level, flags, c.keepalive >> 8, c.keepalive & 0xff]), str(c.real ? DEVICE_B : c.clientId), creds]));
});
/** Any packet type and flags, a body of random bytes or a PUBLISH of a random topic; the announced length true or a lie. */
const anyPacket = fc.oneof(
  fc.record({ type: fc.integer({ min: 0, max: 255 }), body: fc.uint8Array({ maxLength: 80 }), lie: fc.option(fc.integer({ min: 0, max: 2 * MAX_PACKET_BYTES }), { nil: undefined }) })
    .map((p) => packet(p.type, Buffer.from(p.body), p.lie)),
  fc.record({ qos: fc.integer({ min: 0, max: 3 }), topic: fc.oneof(fc.constantFrom(b.req, b.state, a.res, '#', '$SYS/x', ''), fc.string({ maxLength: 40 })), payload: fc.uint8Array({ maxLength: 200 }) })
    .map((p) => packet(0x30 | p.qos << 1, Buffer.concat([str(p.topic), p.qos > 0 ? Buffer.from([0, 1]) : Buffer.alloc(0), Buffer.from(p.payload)]))),
  fc.record({ topic: fc.string({ maxLength: 20 }), qos: fc.integer({ min: 0, max: 255 }) })
    .map((s) => packet(0x82, Buffer.concat([Buffer.from([0, 7]), str(s.topic), Buffer.from([s.qos])]))),
  fc.constantFrom(Buffer.from([0xc0, 0]), Buffer.from([0xe0, 0]), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff])),
);
/** What one hostile client sends: maybe a CONNECT, then packets, maybe cut short. */
const session = fc.record({
  connect: fc.option(connectPacket, { nil: undefined }),
  packets: fc.array(anyPacket, { maxLength: 5 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
}).map((s) => {
  const bytes = Buffer.concat([...(s.connect === undefined ? [] : [s.connect]), ...s.packets]);
  return s.cut === undefined || bytes.length === 0 ? bytes : bytes.subarray(0, s.cut % bytes.length);
});

/** A request envelope device B might send: well formed or not, about itself or another device, or not JSON at all. */
const envelope = fc.oneof(
  fc.record({ id: fc.string({ maxLength: 70 }), op: fc.oneof(fc.constantFrom('gateway.download', 'gateway.testLicense', 'gateway.invalidate', 'video.updateLicense'), fc.string({ maxLength: 70 })), deviceId: fc.constantFrom(DEVICE_B, DEVICE_A, ''), body: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) })
    .map((e) => Buffer.from(JSON.stringify(e))),
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.string({ maxLength: 100 }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 100 }).map((u) => Buffer.from(u)),
);

describe('the embedded broker under hostile MQTT bytes', () => {
  let broker: EmbeddedBroker;
  let t: TestServer;
  let service: MqttClient;
  let endpoint: MqttServerEndpoint;
  let witness: MqttClient;
  let url: string;
  let port: number;
  const refusals: Refusal[] = [];
  let round = 0;

  beforeAll(async () => {
    const credentials = createCredentials();
    for (const user of [DEVICE_A, DEVICE_B]) unwrap(credentials.addDevice(user, SECRETS[user]!));
    unwrap(credentials.addService(SERVICE, SECRETS[SERVICE]!));
    broker = await createEmbeddedBroker({ credentials, log: (entry) => refusals.push(entry), connectTimeoutMs: 500 });
    port = (await broker.listen(0)).port;
    url = `mqtt://127.0.0.1:${port}`;
    t = await createTestServer();
    service = await connectMqtt({ url, username: SERVICE, password: SECRETS[SERVICE]!, clientId: SERVICE });
    endpoint = await serveOverMqtt({ client: service, serve: (link) => t.server.serveLink(link), log: () => {} });
    witness = await connectMqtt({ url, username: DEVICE_A, password: SECRETS[DEVICE_A]!, clientId: DEVICE_A });
    await witness.subscribeAsync(a.res, { qos: 1 });
  });
  afterAll(async () => {
    await endpoint.close();
    await witness.endAsync();
    await service.endAsync();
    await broker.close();
    await t.close();
  });

  /** Device A's request reaches the license server and its reply comes back: the broker and the server still work. */
  async function witnessRoundTrip(): Promise<unknown> {
    const id = `w-${++round}`;
    const reply = new Promise<unknown>((resolve) => {
      const onMessage = (_topic: string, payload: Buffer): void => {
        const parsed = JSON.parse(payload.toString()) as { id?: string };
        if (parsed.id !== id) return;
        witness.off('message', onMessage);
        resolve(parsed);
      };
      witness.on('message', onMessage);
    });
    await witness.publishAsync(a.req, JSON.stringify({ id, op: 'no.such.op', deviceId: DEVICE_A, body: {} }), { qos: 1 });
    return reply;
  }

  it('[MQTT] survives random packets from raw sockets, and other clients keep working', async () => {
    await fc.assert(fc.asyncProperty(session, async (bytes) => {
      const socket: Socket = tcpConnect(port, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(bytes);
      // The broker answers, refuses or waits; let it read what came, then hang up.
      await sleep(wall, 1);
      socket.destroy();
      expect(await witnessRoundTrip()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    }));
    expect(witness.connected).toBe(true);
  });

  it('[MQTT] [ACL] survives random envelopes and topics from an authenticated device, answering well-formed ones only with replies', async () => {
    await fc.assert(fc.asyncProperty(envelope, fc.constantFrom(b.req, b.req, b.state, a.req, 'fleetrig/v1/dev/+/req'), async (payload, topic) => {
      const device = await connectMqtt({ url, username: DEVICE_B, password: SECRETS[DEVICE_B]!, clientId: DEVICE_B });
      const replies: string[] = [];
      device.on('message', (_topic, reply: Buffer) => replies.push(reply.toString()));
      await device.subscribeAsync(b.res, { qos: 1 });
      // A refused topic closes the connection [MQTT-3.3.5-2], and a QoS 1 publish on it never settles:
      // wait for its PUBACK or the close, whichever comes.
      await new Promise<void>((resolve) => {
        device.once('close', () => resolve());
        device.publish(topic, payload, { qos: 1 }, () => resolve());
      });
      expect(await witnessRoundTrip()).toMatchObject({ ok: false });
      device.end(true);
      for (const reply of replies) expect(JSON.parse(reply)).toMatchObject({ id: expect.any(String), ok: expect.any(Boolean) });
    }));
    expect(witness.connected).toBe(true);
  });
});
