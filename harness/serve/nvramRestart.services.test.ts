import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { brokerSecret, LICENSE_SERVER_USER } from '../../broker/brokerSecret.ts';
import { sleep } from '../../emulator/clock/Clock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import { httpClient } from '../../license-server/testing/httpTestClient.ts';
import { TEST_POSTGRES } from '../../license-server/testing/postgresTestStore.ts';
import { NVRAM_KIND } from './fleetNvram.ts';
import { openStore } from './openStore.ts';
import { bindGatewayLicense } from './testing/bindGatewayLicense.ts';

const REPO = join(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'bin', 'fleetrig.js');
const RUN_TS = join(REPO, 'bin', 'run-ts.js');
const WITH_CONSOLES = join(import.meta.dirname, 'testing', 'serveWithConsoles.ts');
const SEED = 3;
const wall = new WallClock();

interface Running {
  child: ChildProcess;
  lines: Interface;
  httpUrl: string;
  mqttUrl: string;
  token: string;
  exited: Promise<number | null>;
}

/** A serve process on free ports; resolves once its first two lines say where it is. */
async function spawnServe(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout! });
  const [first, second] = await new Promise<string[]>((resolve, reject) => {
    const seen: string[] = [];
    const onLine = (line: string) => {
      seen.push(line);
      if (seen.length < 2) return;
      lines.off('line', onLine);
      resolve(seen);
    };
    lines.on('line', onLine);
    void exited.then((code) => reject(new Error(`serve exited ${code} before its first two lines`)));
  });
  const [, httpUrl, mqttUrl] = /· (http:\S+) · (mqtt:\S+) ·/.exec(first!)!;
  const [, token] = /^administrator token (\S+)$/.exec(second!)!;
  return { child, lines, httpUrl: httpUrl!, mqttUrl: mqttUrl!, token: token!, exited };
}

/** Types a line at a device's console through the fixture's stdin; resolves with the answer. */
function type(running: Running, device: string, line: string): Promise<string> {
  return new Promise((resolve) => {
    const onLine = (text: string) => {
      const answer = JSON.parse(text) as { device: string; line: string; answer: string };
      if (answer.device !== device || answer.line !== line) return;
      running.lines.off('line', onLine);
      resolve(answer.answer);
    };
    running.lines.on('line', onLine);
    running.child.stdin!.write(`${device} ${line}\n`);
  });
}

// Device state as published: read as docs/protocol.md §5 describes it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Watches a device's retained state as a dashboard would, with plain mqtt.js. */
async function watchState(running: Running, deviceId: string): Promise<{ client: MqttClient; until(test: (state: Json) => boolean): Promise<Json> }> {
  const client = await mqtt.connectAsync(running.mqttUrl, {
    username: LICENSE_SERVER_USER, password: brokerSecret({ credentialSeed: SEED, username: LICENSE_SERVER_USER }),
    clientId: `nvram-watch-${running.child.pid}`, reconnectPeriod: 0,
  });
  let latest: Json;
  const waiting: { test: (state: Json) => boolean; resolve: (state: Json) => void }[] = [];
  client.on('message', (_topic, payload) => {
    latest = JSON.parse(payload.toString());
    for (const w of waiting.splice(0)) {
      if (w.test(latest)) w.resolve(latest);
      else waiting.push(w);
    }
  });
  await client.subscribeAsync(`fleetrig/v1/dev/${deviceId}/state`, { qos: 1 });
  return {
    client,
    until: (test) => new Promise((resolve) => (latest !== undefined && test(latest) ? resolve(latest) : waiting.push({ test, resolve }))),
  };
}

/** Polls the store, as another process, until the device's saved image holds `text`. */
async function untilSaved(store: string, deviceId: string, text: string): Promise<void> {
  const { store: reader } = await openStore(store);
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      const record = await reader.transaction((tx) => tx.records.get(NVRAM_KIND, deviceId));
      if (record !== undefined && Buffer.from(String(record.data.image), 'base64').toString().includes(text)) return;
      await sleep(wall, 50);
    }
    throw new Error(`the store never held ${deviceId}'s image with ${text}`);
  } finally {
    await reader.close();
  }
}

/** SQLite in a temp dir, and PostgreSQL in a database of its own, dropped afterwards. */
const stores: [string, () => Promise<{ url: string; dispose(): Promise<void> }>][] = [
  ['SQLite', async () => ({ url: join(mkdtempSync(join(tmpdir(), 'fleetrig-nvram-kill-')), 'store.db'), dispose: async () => {} })],
  ['PostgreSQL', async () => {
    // Test names need only be unique, not reproducible: node:crypto, not the seeded Random.
    const database = `fleetrig_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(TEST_POSTGRES);
    url.pathname = `/${database}`;
    return {
      url: url.toString(),
      async dispose() {
        await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
        await admin.end();
      },
    };
  }],
];

describe.each(stores)('fleetrig serve on %s, killed by SIGKILL and started again', (_name, makeStore) => {
  let store: { url: string; dispose(): Promise<void> };
  const processes: ChildProcess[] = [];
  const clients: MqttClient[] = [];
  beforeAll(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync();
    for (const child of processes.splice(0)) child.kill('SIGKILL');
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('[GW-5][GW-6] boots a scenario gateway with the license it had downloaded before the kill, now in force', async () => {
    const scenario = join(mkdtempSync(join(tmpdir(), 'fleetrig-nvram-scenario-')), 'gateway.yaml');
    writeFileSync(scenario, 'name: a gateway across a kill\nfleet:\n  - family: gateway\nsteps:\n  - advance: 1m\n');
    const boot = (running: Running) => httpClient(running.httpUrl, { token: running.token }).call('POST', '/api/v1/clock/advance', { by: '1m' });

    const first = await spawnServe([RUN_TS, WITH_CONSOLES, scenario, store.url, String(SEED)]);
    processes.push(first.child);
    const before = await watchState(first, 'gw-001');
    clients.push(before.client);
    await boot(first);
    const { hardwareId } = await before.until((s) => s.state === 'running');
    const licenseId = await bindGatewayLicense(first, hardwareId);
    expect(await type(first, 'gw-001', 'download')).toMatch(new RegExp(`^installed ${licenseId}\n`));
    // [GW-5] installed, in force only after the next boot.
    expect(await before.until((s) => s.pending.install.includes(licenseId))).toMatchObject({ licenses: [], pendingReset: true });
    await untilSaved(store.url, 'gw-001', licenseId);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnServe([BIN, 'serve', scenario, '--store', store.url, '--seed', String(SEED), '--http-port', '0', '--mqtt-port', '0']);
    processes.push(second.child);
    const after = await watchState(second, 'gw-001');
    clients.push(after.client);
    await boot(second);
    const state = await after.until((s) => s.state === 'running');
    expect(state).toMatchObject({ hardwareId, licenses: [{ licenseId, featureCode: 'Mobility', count: 5, status: 'active' }], pendingReset: false, nvramProblem: null });
    await after.client.endAsync();
    clients.splice(clients.indexOf(after.client), 1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000);
});
