import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../emulator/clock/VirtualClock.ts';
import { unwrap } from '../protocol/result.ts';
import { DEVICE_A, SECRETS, SERVICE, closed, nextMessage } from './brokerTestKit.ts';
import { connectMqtt } from './connect.ts';
import { createEmbeddedBroker, type EmbeddedBroker } from './createBroker.ts';
import { createCredentials } from './credentials.ts';
import { MAX_PACKET_BYTES } from './packetGuard.ts';
import type { Refusal } from './policy.ts';
import { deviceTopics } from './topics.ts';
import { MAX_FRAME_BYTES } from '../protocol/messages/envelope.ts';
import { fixedHeader as header } from './testing/mqttBytes.ts';

const a = deviceTopics(DEVICE_A);

/** Resolves when the broker has closed the raw socket. */
const socketClosed = (socket: Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

describe('the embedded broker refuses what would exhaust it', () => {
  let broker: EmbeddedBroker;
  let url: string;
  let port: number;
  const refusals: Refusal[] = [];
  const timers = new VirtualClock();
  const sockets: Socket[] = [];
  async function start(options: { connectTimeoutMs?: number } = {}): Promise<void> {
    const credentials = createCredentials();
    unwrap(credentials.addDevice(DEVICE_A, SECRETS[DEVICE_A]!));
    unwrap(credentials.addService(SERVICE, SECRETS[SERVICE]!));
    broker = await createEmbeddedBroker({ credentials, log: (entry) => refusals.push(entry), timers, ...options });
    port = (await broker.listen(0)).port;
    url = `mqtt://127.0.0.1:${port}`;
  }
  const raw = async (bytes: Buffer): Promise<Socket> => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.on('error', () => {});
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(bytes);
    return socket;
  };
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    refusals.length = 0;
    await broker.close();
  });

  it('[MQTT] closes an unauthenticated socket announcing a 255 MB CONNECT at its header, logging its address', async () => {
    await start();
    const socket = await raw(Buffer.concat([header(0x10, 255 * 1024 * 1024), Buffer.alloc(1024)]));
    await socketClosed(socket);
    expect(refusals).toEqual([expect.objectContaining({ action: 'packet', clientId: '', address: expect.stringMatching(/^127\.0\.0\.1:\d+$/), reason: expect.stringContaining(`at most ${MAX_PACKET_BYTES}`) })]);
  });

  it('[MQTT] [ACL] closes an authenticated client publishing more than a frame, names it, and forwards nothing; a frame-sized publish still passes', async () => {
    await start();
    const service = await connectMqtt({ url, username: SERVICE, password: SECRETS[SERVICE]!, clientId: SERVICE });
    await service.subscribeAsync(a.req, { qos: 1 });
    const device = await connectMqtt({ url, username: DEVICE_A, password: SECRETS[DEVICE_A]!, clientId: DEVICE_A });
    const frame = 'x'.repeat(MAX_FRAME_BYTES);
    const delivered = nextMessage(service, a.req);
    await device.publishAsync(a.req, frame, { qos: 1 });
    expect((await delivered).payload).toHaveLength(MAX_FRAME_BYTES);

    let forwarded = 0;
    service.on('message', () => forwarded++);
    const gone = closed(device);
    device.publish(a.req, Buffer.alloc(MAX_PACKET_BYTES + 1), { qos: 0 });
    await gone;
    expect(refusals).toEqual([expect.objectContaining({ action: 'packet', clientId: DEVICE_A, reason: expect.stringContaining('announced') })]);
    // The service's own round trip after the refusal: had the big publish been forwarded, it came first.
    await service.publishAsync(deviceTopics(DEVICE_A).res, 'ping', { qos: 1 });
    expect(forwarded).toBe(0);
    device.end(true);
    await service.endAsync();
  });

  it('[MQTT] drops a client with keepalive 0 that leaves a packet half-sent, once the partial-packet time has passed on the sockets\' clock', async () => {
    await start();
    const device = await connectMqtt({ url, username: DEVICE_A, password: SECRETS[DEVICE_A]!, clientId: DEVICE_A, keepaliveSeconds: 0 });
    const gone = closed(device);
    // A PUBLISH header announcing 60 KB, and then nothing.
    device.stream.write(Buffer.concat([header(0x30, 60_000), Buffer.from([0x00, 0x01, 0x61])]));
    let dropped = false;
    void gone.then(() => (dropped = true));
    // The bytes cross a real socket before the guard starts its timer: move the sockets' clock
    // until the broker has dropped the client, short of that never.
    while (!dropped) {
      await timers.advance(10_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(refusals).toEqual([expect.objectContaining({ action: 'packet', clientId: DEVICE_A, reason: 'a packet stayed incomplete for 10000 ms' })]);
  });

  it('[MQTT] closes a socket that sends no CONNECT within the connect timeout', async () => {
    await start({ connectTimeoutMs: 50 });
    const socket = await raw(Buffer.alloc(0));
    await socketClosed(socket);
    expect(refusals).toEqual([expect.objectContaining({ action: 'connect', address: expect.stringMatching(/^127\.0\.0\.1:\d+$/), reason: 'no CONNECT within 50 ms' })]);
  });
});
