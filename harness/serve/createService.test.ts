import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { httpClient, type HttpReply } from '../../license-server/testing/httpTestClient.ts';
import { createCatalogue } from '../catalogue.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { silentLogger } from './serviceLog.ts';
import { createService, type Service, type ServiceOptions } from './createService.ts';

const REPO = join(import.meta.dirname, '..', '..');
const SCENARIO = join(REPO, 'scenarios', 'gateway', 'move-license.yaml');
const catalogue = createCatalogue();

async function start(store: string, overrides: Partial<ServiceOptions> = {}): Promise<Service> {
  const [scenario] = (await loadFiles([SCENARIO], catalogue)).scenarios;
  return unwrap(await createService({
    catalogue, scenario, seed: 7, speed: 1, httpPort: 0, mqttPort: 0, store, logger: silentLogger, ...overrides,
  }));
}

/** A request as the operator sends it, with the store's administrator token (or `token: null` for none). */
function call(service: Service, method: string, path: string, body?: unknown, token: string | null = service.token): Promise<HttpReply> {
  return httpClient(service.httpUrl, token === null ? {} : { token }).call(method, path, body);
}

/** Connects with plain mqtt.js and resolves with the broker's answer: connected, or its refusal. */
function tryConnect(url: string): Promise<string> {
  const client = mqtt.connect(url, { username: 'gw-001', password: 'guess', reconnectPeriod: 0, connectTimeout: 5_000 });
  return new Promise<string>((resolve) => {
    client.once('connect', () => resolve('connected'));
    client.once('error', (error) => resolve(error.message));
    client.once('close', () => resolve('closed'));
  }).finally(() => client.end(true));
}

describe('fleetrig serve as a library: createService', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });
  const dir = () => mkdtempSync(join(tmpdir(), 'fleetrig-serve-'));

  it('serves health, the license API and the clock, and sets up the scenario fleet', async () => {
    const service = await start(join(dir(), 'store.db'));
    services.push(service);
    expect(service.devices).toBe(2);
    expect(await call(service, 'GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    // At real-time speed the gateways are still booting; a virtual minute later they are up.
    expect(await call(service, 'GET', '/readyz')).toMatchObject({ status: 503, body: { status: 'booting', devices: 2, booting: 2 } });
    await call(service, 'POST', '/api/v1/clock/advance', { by: '1m' });
    expect(await call(service, 'GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', devices: 2, booting: 0 } });
    // The scenario's order is there to activate, through the API a user would call.
    const audit = await call(service, 'GET', '/api/v1/audit');
    expect((audit.body.entries as { action: string }[]).map((e) => e.action)).toEqual(['order.create']);
    expect(await call(service, 'GET', '/api/v1/no/such')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
  });

  it('shows the fleet, the requests answered and the broker in Prometheus format at /metrics', async () => {
    const service = await start(join(dir(), 'store.db'));
    services.push(service);
    await call(service, 'POST', '/api/v1/clock/advance', { by: '1m' });
    await call(service, 'POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'Port', count: 1 }] });
    await call(service, 'POST', '/api/v1/orders', { accountId: 'acme' });
    const response = await fetch(`${service.httpUrl}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('fleetrig_devices{family="gateway",state="running"} 2');
    expect(text).toContain('fleetrig_http_requests_total{method="POST",route="/api/v1/orders",status="201"} 1');
    expect(text).toContain('fleetrig_http_requests_total{method="POST",route="/api/v1/orders",status="400"} 1');
    expect(text).toMatch(/fleetrig_broker_clients \d+/);
    expect(text).toContain('# HELP fleetrig_device_requests_total');
  });

  it('pauses, jumps and re-speeds the virtual clock over HTTP, and refuses bad requests naming the field', async () => {
    const service = await start(join(dir(), 'store.db'));
    services.push(service);
    const paused = await call(service, 'POST', '/api/v1/clock/pause');
    expect(paused).toMatchObject({ status: 200, body: { running: false, speed: 1 } });
    const before = paused.body.now as number;
    const jumped = await call(service, 'POST', '/api/v1/clock/advance', { by: '8h' });
    expect(jumped.body.now).toBe(before + 8 * 3_600_000);
    expect(jumped.body.time).toBe(new Date(before + 8 * 3_600_000).toISOString());
    expect((await call(service, 'GET', '/api/v1/clock')).body.now).toBe(before + 8 * 3_600_000);
    expect(await call(service, 'POST', '/api/v1/clock/speed', { speed: 3600 })).toMatchObject({ status: 200, body: { speed: 3600, running: false } });
    expect(await call(service, 'POST', '/api/v1/clock/resume')).toMatchObject({ status: 200, body: { running: true } });
    for (const [path, body, where] of [
      ['/api/v1/clock/speed', { speed: 0 }, 'speed'],
      ['/api/v1/clock/speed', { speed: 'fast' }, 'speed'],
      ['/api/v1/clock/advance', { by: '8 hours' }, 'by'],
      ['/api/v1/clock/advance', { by: '8h', extra: 1 }, '(root)'],
    ] as const) {
      expect(await call(service, 'POST', path, body), `${path} ${JSON.stringify(body)}`).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where } });
    }
    // A body that is not JSON is refused in JSON, as everywhere in the API, not with express's HTML page.
    const garbled = await fetch(`${service.httpUrl}/api/v1/clock/advance`, { method: 'POST', headers: { authorization: `Bearer ${service.token}`, 'content-type': 'application/json' }, body: '{"by":' });
    expect({ status: garbled.status, type: garbled.headers.get('content-type') }).toMatchObject({ status: 400, type: expect.stringContaining('application/json') });
    expect(await garbled.json()).toMatchObject({ error: 'BAD_REQUEST', where: '(root)' });
    expect((await call(service, 'GET', '/api/v1/clock')).body.speed).toBe(3600);
  });

  it('moves the clock and registers devices for the administrator only; reading the clock and the keys is open', async () => {
    const service = await start(join(dir(), 'store.db'));
    services.push(service);
    expect(service.token).toMatch(/^flt_/);
    expect(await call(service, 'GET', '/api/v1/clock', undefined, null)).toMatchObject({ status: 200, body: { running: true } });
    expect(await call(service, 'GET', '/api/v1/keys', undefined, null)).toMatchObject({ status: 200 });
    for (const [path, body] of [['/api/v1/clock/pause', undefined], ['/api/v1/clock/advance', { by: '1h' }], ['/api/v1/devices', { family: 'gateway' }]] as const) {
      expect(await call(service, 'POST', path, body, null), path).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
      expect(await call(service, 'POST', path, body, 'flt_guess'), path).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    }
    const vendor = await call(service, 'POST', '/api/v1/tokens', { user: 'orders', roles: ['Vendor'] });
    expect(vendor.status).toBe(201);
    const secret = (vendor.body as { token: string }).token;
    expect(await call(service, 'POST', '/api/v1/clock/pause', undefined, secret)).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
  });

  it('listens for MQTT on TCP and over WebSocket at /mqtt, where unknown credentials are refused', async () => {
    const service = await start(join(dir(), 'store.db'));
    services.push(service);
    expect(service.mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(await tryConnect(service.mqttUrl)).toMatch(/Not authorized|Bad username or password/i);
    expect(await tryConnect(`${service.httpUrl.replace('http', 'ws')}/mqtt`)).toMatch(/Not authorized|Bad username or password/i);
  });

  it('resumes on its store: the same seed, no second order, and virtual time that never goes back', async () => {
    const store = join(dir(), 'store.db');
    const first = await start(store, { seed: 7 });
    const advanced = (await call(first, 'POST', '/api/v1/clock/advance', { by: '30d' })).body.now as number;
    await first.close();
    const second = await start(store, { seed: 8 });
    services.push(second);
    expect(second.seed).toBe(7);
    expect(((await call(second, 'GET', '/api/v1/clock')).body.now as number)).toBeGreaterThanOrEqual(advanced);
    const audit = await call(second, 'GET', '/api/v1/audit');
    expect((audit.body.entries as { action: string }[]).filter((e) => e.action === 'order.create')).toHaveLength(1);
    // A new order after the restart gets a key no earlier one has.
    const order = await call(second, 'POST', '/api/v1/orders', { accountId: 'acme', items: [{ featureCode: 'PBX-MOBILITY', count: 1 }] });
    expect(order.status).toBe(201);
    const keys = (audit.body.entries as { detail: { activationKey?: string } }[]).map((e) => e.detail.activationKey);
    expect(keys).not.toContain(order.body.activationKey);
  });

  it('says which store, port or broker it cannot open, and leaves nothing running', async () => {
    expect(await createService({ catalogue, seed: 1, speed: 1, httpPort: 0, mqttPort: 0, store: join(dir(), 'no-such', '\u0000', 'x.db'), logger: silentLogger }))
      .toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE', where: 'store' } });
    // A folder that cannot be made, where Node's recursive mkdir would spin for ever.
    expect(await createService({ catalogue, seed: 1, speed: 1, httpPort: 0, mqttPort: 0, store: '/proc/fleetrig-none/x.db', logger: silentLogger }))
      .toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE', where: 'store', message: expect.stringContaining("mkdir '/proc/fleetrig-none'") } });
    const taken = await start(join(dir(), 'store.db'));
    services.push(taken);
    const port = Number(new URL(taken.httpUrl).port);
    expect(await createService({ catalogue, seed: 1, speed: 1, httpPort: port, mqttPort: 0, store: join(dir(), 'b.db'), logger: silentLogger }))
      .toMatchObject({ ok: false, error: { code: 'PORT_UNAVAILABLE', where: 'http-port' } });
    const mqttPort = Number(new URL(taken.mqttUrl).port);
    expect(await createService({ catalogue, seed: 1, speed: 1, httpPort: 0, mqttPort, store: join(dir(), 'c.db'), logger: silentLogger }))
      .toMatchObject({ ok: false, error: { code: 'BROKER_UNREACHABLE', where: 'mqtt-port' } });
  });
});

describe('fleetrig serve as a process', () => {
  it('prints where everything is on its first line, and exits 0 soon after SIGTERM', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'fleetrig-serve-')), 'store.db');
    const child = spawn(process.execPath, [join(REPO, 'bin', 'fleetrig.js'), 'serve', SCENARIO, '--http-port', '0', '--mqtt-port', '0', '--store', store], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`serve exited ${code} before printing`)));
      });
      const match = /^fleetrig serve · (http:\/\/127\.0\.0\.1:\d+) · (mqtt:\/\/127\.0\.0\.1:\d+) · store (.+)$/.exec(first);
      expect(match, first).not.toBeNull();
      expect(match![3]).toBe(store);
      expect((await fetch(`${match![1]}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 20_000);
});
