import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { connectMqtt, MqttConnectError } from './connect.ts';

const who = { username: 'gw-1', password: 'x', clientId: 'gw-1' };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connectMqtt', () => {
  it.each([
    [{}, /exactly one of `url` and `stream`/],
    [{ url: 'mqtt://127.0.0.1:1', stream: () => { throw new Error('unused'); } }, /exactly one/],
    [{ url: 'not a url' }, /is not a URL/],
    [{ url: 'ws://127.0.0.1:8080' }, /uses ws:/],
  ])('refuses bad options %#, naming them', async (options, message) => {
    const error = await connectMqtt({ ...who, ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MqttConnectError);
    expect(error).toMatchObject({ code: 'MQTT_OPTIONS_INVALID', message: expect.stringMatching(message) });
  });

  it('rejects with MQTT_CONNECT_FAILED when nothing listens, naming the URL', async () => {
    const url = `mqtt://127.0.0.1:${await closedPort()}`;
    const error = await connectMqtt({ ...who, url }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MQTT_CONNECT_FAILED', message: expect.stringContaining(url) });
  });
});
