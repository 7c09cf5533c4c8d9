import { afterEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../license-server/testing/createTestServer.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { virtualTime } from '../runner/timeDrivers.ts';
import { World } from '../runner/World.ts';
import { transportFor } from './chooseTransport.ts';
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

  it('refuses a broker URL and a mode together, naming both', () => {
    expect(() => transportFor({ brokerUrl: 'mqtt://127.0.0.1:1883', mode: 'tcp' })).toThrow(/mqtt:\/\/127\.0\.0\.1:1883 and 'tcp'/);
  });
});
