import { afterEach, describe, expect, it } from 'vitest';
import { brokerSecret } from '../../broker/brokerSecret.ts';
import { connectMqtt } from '../../broker/connect.ts';
import { createTestServer, type TestServer } from '../../license-server/testing/createTestServer.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { virtualTime } from '../runner/timeDrivers.ts';
import { World } from '../runner/World.ts';
import { transportFor } from './chooseTransport.ts';
import type { MqttTransport } from './mqttTransport.ts';
import type { Transport } from './Transport.ts';

describe('transportFor', () => {
  let rig: TestServer | undefined;
  let transport: Transport | undefined;
  afterEach(async () => {
    await transport?.close();
    await rig?.close();
    [rig, transport] = [undefined, undefined];
  });

  it.each([
    [{}, 'mqtt-stream'],
    [{ mode: 'memory' as const }, 'memory'],
    [{ mode: 'stream' as const }, 'mqtt-stream'],
    [{ mode: 'tcp' as const }, 'mqtt-tcp'],
  ])('builds %o as %s, in-process MQTT by default', async (choice, name) => {
    const { clock, server } = (rig = await createTestServer());
    const world = new World(clock, virtualTime(clock), createRandom('choose'), server);
    transport = await transportFor(choice)(world);
    expect(transport.name).toBe(name);
  });

  it('gives a device the same password in every scenario of a run: the credential seed and its ID alone', async () => {
    const choose = transportFor({ mode: 'tcp', credentialSeed: 9 });
    for (const scenario of ['a.yaml#first', 'b.yaml#second']) {
      const { clock, server } = (rig = await createTestServer());
      const world = new World(clock, virtualTime(clock), createRandom(5).fork(scenario), server);
      const mqtt = (transport = await choose(world)) as MqttTransport;
      await mqtt.attach('gw-001');
      const as = (password: string) => connectMqtt({ url: mqtt.url!, username: 'gw-001', password, clientId: 'gw-001', connectTimeoutMs: 2000 });
      await expect(as(brokerSecret({ credentialSeed: 10, username: 'gw-001' }))).rejects.toMatchObject({ code: 'MQTT_CONNECT_REFUSED', returnCode: 4 });
      await expect(as(brokerSecret({ credentialSeed: 9, username: 'gw-002' }))).rejects.toMatchObject({ code: 'MQTT_CONNECT_REFUSED' });
      // Takes the device's session over, which is all this test needs of it.
      const client = await as(brokerSecret({ credentialSeed: 9, username: 'gw-001' }));
      await client.endAsync();
      await transport.close();
      await rig.close();
      [rig, transport] = [undefined, undefined];
    }
  });

  it('refuses a broker URL and a mode together, naming both', () => {
    expect(() => transportFor({ brokerUrl: 'mqtt://127.0.0.1:1883', mode: 'tcp' })).toThrow(/mqtt:\/\/127\.0\.0\.1:1883 and 'tcp'/);
  });
});
