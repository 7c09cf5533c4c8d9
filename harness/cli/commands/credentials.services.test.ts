import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { brokerSecret } from '../../../broker/brokerSecret.ts';
import { connectMqtt } from '../../../broker/connect.ts';
import { startOwnMosquitto, type OwnMosquitto } from '../../../broker/testing/ownMosquitto.ts';
import { deviceTopics } from '../../../broker/topics.ts';
import { main } from '../cli.ts';
import { fakeIo } from '../fakeCli.fixture.ts';

const SEED = 11;
const repo = join(import.meta.dirname, '..', '..', '..');
// Two single-device and two multi-device scenarios, over three families.
const SCENARIOS = ['gateway/move-license.yaml', 'gateway/test-mode.yaml', 'smartserver/transfer-colours.yaml', 'video/activation-key.yaml'].map((f) => join(repo, 'scenarios', f));

/**
 * A Mosquitto of this test's own, on a free port, configured as docs/mosquitto.md says with
 * exactly the files `fleetrig credentials` wrote — never the machine's Mosquitto on 1883.
 */
describe('an authenticating Mosquitto with the files of fleetrig credentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-mosquitto-'));
  let mosquitto: OwnMosquitto | undefined;
  let url = '';
  const clients: MqttClient[] = [];
  const log = (): string => mosquitto?.logTail() ?? '(no log)';
  const as = async (username: string, password = brokerSecret({ credentialSeed: SEED, username })): Promise<MqttClient> => {
    const client = await connectMqtt({ url, username, password, clientId: username, connectTimeoutMs: 5000 });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const written = fakeIo();
    expect(await main(['credentials', ...SCENARIOS, '--out', dir, '--seed', String(SEED)], written.io), written.stderr()).toBe(0);
    mosquitto = await startOwnMosquitto({ dir, credentials: { passwordFile: join(dir, 'fleetrig.passwd'), aclFile: join(dir, 'fleetrig.acl') } });
    url = mosquitto.url;
  }, 30_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync()));
    await mosquitto?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs bundled scenarios through it with --broker, every scenario passing, the same trace as in process', async () => {
    const run = fakeIo();
    const json = join(dir, 'broker.json');
    expect(await main(['run', ...SCENARIOS, '--broker', url, '--seed', String(SEED), '--json', json], run.io), `${run.stdout()}${run.stderr()}\n${log()}`).toBe(0);
    expect(run.stdout()).toMatch(/4 scenarios: 4 passed, 0 failed/);
    const inProcess = join(dir, 'stream.json');
    expect(await main(['run', ...SCENARIOS, '--seed', String(SEED), '--json', inProcess], fakeIo().io)).toBe(0);
    expect(readFileSync(json, 'utf8')).toBe(readFileSync(inProcess, 'utf8'));
  }, 120_000);

  it('serves a run of another seed given --credentials-seed, and tells a run of the wrong seed why it is refused', async () => {
    const other = fakeIo();
    expect(await main(['run', SCENARIOS[0]!, '--broker', url, '--seed', '3', '--credentials-seed', String(SEED)], other.io), `${other.stderr()}\n${log()}`).toBe(0);
    const wrong = fakeIo();
    expect(await main(['run', SCENARIOS[0]!, '--broker', url, '--seed', '3'], wrong.io)).toBe(1);
    expect(wrong.stderr()).toMatch(/^fleetrig run: .*Not authorized\. The broker passwords were derived from credential seed 3: .*fleetrig credentials --seed 3/m);
  }, 60_000);

  it('refuses a wrong password, another seed\'s password and an unknown user', async () => {
    await expect(as('gw-001', 'wrong')).rejects.toMatchObject({ code: 'MQTT_CONNECT_REFUSED', returnCode: 5 });
    await expect(as('license-server', brokerSecret({ credentialSeed: SEED + 1, username: 'license-server' }))).rejects.toMatchObject({ code: 'MQTT_CONNECT_REFUSED', returnCode: 5 });
    await expect(as('gw-999', brokerSecret({ credentialSeed: SEED, username: 'gw-999' }))).rejects.toMatchObject({ code: 'MQTT_CONNECT_REFUSED', returnCode: 5 });
  });

  it('keeps a device to its own topics: gw-001 reaches neither gw-002\'s req nor its res', async () => {
    const [server, gw1, gw2] = [await as('license-server'), await as('gw-001'), await as('gw-002')];
    const [own, other] = [deviceTopics('gw-001'), deviceTopics('gw-002')];
    const served: string[] = [];
    server.on('message', (topic, payload) => served.push(`${topic} ${payload.toString()}`));
    await server.subscribeAsync('fleetrig/v1/dev/+/req', { qos: 1 });
    // Mosquitto grants the subscribe but delivers nothing the ACL does not let gw-001 read.
    const overheard: string[] = [];
    gw1.on('message', (topic, payload) => overheard.push(`${topic} ${payload.toString()}`));
    await gw1.subscribeAsync([other.res, own.res], { qos: 1 });

    await gw1.publishAsync(other.req, 'forged', { qos: 1 });
    await gw1.publishAsync(own.req, 'mine', { qos: 1 });
    await gw2.publishAsync(other.req, 'theirs', { qos: 1 });
    await server.publishAsync(other.res, 'for gw-002', { qos: 1 });
    await server.publishAsync(own.res, 'for gw-001', { qos: 1 });
    // QoS 1 from one client arrives in order: once the later message is in, the earlier would be too.
    await vi.waitFor(() => expect(served).toContain(`${other.req} theirs`), { timeout: 5000, interval: 20 });
    await vi.waitFor(() => expect(overheard).toContain(`${own.res} for gw-001`), { timeout: 5000, interval: 20 });
    expect(served).toEqual([`${own.req} mine`, `${other.req} theirs`]);
    expect(overheard).toEqual([`${own.res} for gw-001`]);
  });
});
