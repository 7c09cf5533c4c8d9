import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../protocol/result.ts';
import { DEVICE_A, SECRETS } from './brokerTestKit.ts';
import { createEmbeddedBroker, type EmbeddedBroker } from './createBroker.ts';
import { createCredentials } from './credentials.ts';
import { MAX_PACKET_BYTES } from './packetGuard.ts';
import type { Refusal } from './policy.ts';
import { deviceTopics } from './topics.ts';

/** Runs mosquitto_pub (the machine's Mosquitto clients) to the end: its exit code and stderr. */
function mosquittoPub(args: string[], stdin: Buffer): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('mosquitto_pub', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end(stdin);
  });
}

describe('the embedded broker and mosquitto_pub', () => {
  let broker: EmbeddedBroker;
  afterEach(() => broker.close());

  it('[MQTT] takes a frame-sized message from mosquitto_pub and closes the connection of one over the packet limit', async () => {
    const credentials = createCredentials();
    unwrap(credentials.addDevice(DEVICE_A, SECRETS[DEVICE_A]!));
    const refusals: Refusal[] = [];
    broker = await createEmbeddedBroker({ credentials, log: (entry) => refusals.push(entry) });
    const { port } = await broker.listen(0);
    const args = ['-h', '127.0.0.1', '-p', String(port), '-u', DEVICE_A, '-P', SECRETS[DEVICE_A]!, '-i', DEVICE_A, '-t', deviceTopics(DEVICE_A).req, '-q', '1', '-s'];
    expect(await mosquittoPub(args, Buffer.alloc(60 * 1024, 'x'))).toMatchObject({ code: 0 });
    expect(refusals).toEqual([]);
    const big = await mosquittoPub(args, Buffer.alloc(MAX_PACKET_BYTES, 'x'));
    expect(big.code).not.toBe(0);
    expect(refusals).toEqual([expect.objectContaining({ action: 'packet', clientId: DEVICE_A, reason: expect.stringContaining('announced') })]);
  });
});
