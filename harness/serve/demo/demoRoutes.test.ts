import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../../../emulator/clock/Clock.ts';
import { WallClock } from '../../../emulator/clock/wallClock.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createCatalogue } from '../../catalogue.ts';
import { parseScenarios } from '../../scenario/parseScenarios.ts';
import { createService, type Service } from '../createService.ts';
import { silentLogger } from '../serviceLog.ts';
import { call, startDemo, stepWithSkips } from './testing/demoDriver.ts';

const catalogue = createCatalogue();
const wall = new WallClock();

/** Two gateways; step 3 waits 5 virtual minutes; step 4 expects what is not so. */
const SCENARIO = `name: "[GW-1] two gateways, one wrong expectation"
description: For the demo routes' tests.
fleet:
  - family: gateway
    count: 2
steps:
  - say: Both gateways are up and unlicensed.
    expect: { devices: "*", state: running }
  - advance: 1m
  - wait: { devices: gw-001, state: running, within: 5m }
  - expect: { devices: gw-002, state: booting }
  - advance: 1h
`;

function scenario() {
  const parsed = parseScenarios(SCENARIO, 'two-gateways.yaml', catalogue);
  expect(parsed.errors).toEqual([]);
  return parsed.scenarios[0]!;
}

/** Resolves once `GET /api/v1/demo` answers again after a restart, at step 0. */
async function untilBack(service: Service): Promise<Record<string, unknown>> {
  for (;;) {
    // While the old service closes and the new one starts, the port refuses or drops connections.
    const reply = await call(service, 'GET', '/api/v1/demo').catch(() => undefined);
    if (reply?.status === 200 && reply.body.position === 0) return reply.body;
    await sleep(wall, 20);
  }
}

describe('demo routes', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });
  const start = async (): Promise<Service> => {
    const service = await startDemo(catalogue, scenario());
    services.push(service);
    return service;
  };

  it('shows every step with its text, narration, line and status before any runs', async () => {
    const service = await start();
    const demo = await call(service, 'GET', '/api/v1/demo', undefined, null);
    expect(demo.status).toBe(200);
    expect(demo.body).toMatchObject({
      scenario: { name: '[GW-1] two gateways, one wrong expectation', description: 'For the demo routes\' tests.' },
      position: 0, running: false, waiting: false,
    });
    expect(demo.body.steps).toEqual([
      { index: 0, kind: 'expect', text: 'expect: { devices: "*", state: running }', written: { devices: '*', state: 'running' }, description: 'Both gateways are up and unlicensed.', line: 7, status: 'pending' },
      { index: 1, kind: 'advance', text: 'advance: 1m', written: '1m', line: 9, status: 'pending' },
      { index: 2, kind: 'wait', text: 'wait: { devices: gw-001, state: running, within: 5m }', written: { devices: 'gw-001', state: 'running', within: '5m' }, line: 10, status: 'pending' },
      { index: 3, kind: 'expect', text: 'expect: { devices: gw-002, state: booting }', written: { devices: 'gw-002', state: 'booting' }, line: 11, status: 'pending' },
      { index: 4, kind: 'advance', text: 'advance: 1h', written: '1h', line: 12, status: 'pending' },
    ]);
  });

  it('[GW-1] runs one step per next, the first once the fleet has booted on the clock', async () => {
    const service = await start();
    const first = await stepWithSkips(service, '/api/v1/demo/next');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ position: 1, running: false });
    expect((first.body.steps as { status: string }[]).map((s) => s.status)).toEqual(['passed', 'pending', 'pending', 'pending', 'pending']);
  });

  it('an advance waits for the service clock: a second next meanwhile is refused with 409', async () => {
    const service = await start();
    await stepWithSkips(service, '/api/v1/demo/next');
    const before = (await call(service, 'GET', '/api/v1/clock')).body.now as number;
    // The clock is paused: `advance: 1m` waits until the operator moves time.
    const advancing = call(service, 'POST', '/api/v1/demo/next', {});
    let demo = await call(service, 'GET', '/api/v1/demo');
    while (demo.body.waiting !== true) demo = await call(service, 'GET', '/api/v1/demo');
    expect(demo.body).toMatchObject({ position: 1, running: true, waiting: true });
    expect((demo.body.steps as { status: string }[])[1]!.status).toBe('running');
    const second = await call(service, 'POST', '/api/v1/demo/next', {});
    expect(second).toMatchObject({ status: 409, body: { error: 'CONFLICT', message: expect.stringContaining('still running') } });
    expect(await call(service, 'POST', '/api/v1/demo/run', {})).toMatchObject({ status: 409, body: { error: 'CONFLICT' } });
    // Skipping to the advance's own deadline finishes the step a virtual minute on.
    await call(service, 'POST', '/api/v1/clock/advance', { by: '1m' });
    expect(await advancing).toMatchObject({ status: 200, body: { position: 2, running: false } });
    expect((await call(service, 'GET', '/api/v1/clock')).body.now).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('skips to the next deadline only while the step named waits for the clock, never on a stale view', async () => {
    const service = await start();
    const clockNow = async () => (await call(service, 'GET', '/api/v1/clock')).body.now as number;
    const idle = await clockNow();
    expect(await call(service, 'POST', '/api/v1/demo/skip', { position: 0 })).toMatchObject({ status: 409, body: { error: 'CONFLICT', message: expect.stringContaining('no step is running') } });
    expect(await clockNow()).toBe(idle);
    await stepWithSkips(service, '/api/v1/demo/next');
    const advancing = call(service, 'POST', '/api/v1/demo/next', {});
    while ((await call(service, 'GET', '/api/v1/demo')).body.waiting !== true);
    // The view a script read says step 2 waits; a skip naming step 1 (the one done) moves nothing.
    const before = await clockNow();
    expect(await call(service, 'POST', '/api/v1/demo/skip', { position: 0 })).toMatchObject({ status: 409, body: { message: expect.stringContaining('step 2 is running and waiting') } });
    expect(await clockNow()).toBe(before);
    const skipped = await call(service, 'POST', '/api/v1/demo/skip', { position: 1 });
    expect(skipped).toMatchObject({ status: 200, body: { clock: { now: expect.any(Number) } } });
    expect((skipped.body.clock as { now: number }).now).toBeGreaterThan(before);
    expect(await call(service, 'POST', '/api/v1/demo/skip', { position: -1 })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'position' } });
    expect(await call(service, 'POST', '/api/v1/demo/skip', { position: 1 }, null)).toMatchObject({ status: 401 });
    await stepWithSkips(service, '/api/v1/demo/next').catch(() => undefined);
    await advancing;
  });

  it('reports a failed step with its line and message, and then has no more steps', async () => {
    const service = await start();
    const run = await stepWithSkips(service, '/api/v1/demo/run');
    expect(run.status).toBe(200);
    const steps = run.body.steps as { status: string; failure?: Record<string, unknown> }[];
    expect(steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'failed', 'pending']);
    expect(steps[3]!.failure).toMatchObject({
      code: 'EXPECTATION_FAILED', line: 11, path: 'steps[3]', device: 'gw-002', expected: 'booting', actual: 'running',
      message: expect.stringContaining('gw-002'),
    });
    expect(run.body.position).toBe(5);
    const after = await call(service, 'POST', '/api/v1/demo/next', {});
    expect(after).toMatchObject({ status: 409, body: { error: 'CONFLICT', message: expect.stringContaining('no more steps') } });
  });

  it('restart starts again on a fresh fleet and portal, behind the same URL and token', async () => {
    const service = await start();
    const { httpUrl, token } = service;
    await stepWithSkips(service, '/api/v1/demo/run');
    const restart = await call(service, 'POST', '/api/v1/demo/restart', {});
    expect(restart).toMatchObject({ status: 202, body: { restarting: true } });
    const back = await untilBack(service);
    expect((back.steps as { status: string }[]).every((s) => s.status === 'pending')).toBe(true);
    expect(service.httpUrl).toBe(httpUrl);
    expect(service.token).toBe(token);
    // A fresh fleet: both gateways boot again from power-on.
    expect((await call(service, 'GET', '/readyz')).body).toMatchObject({ status: 'booting', devices: 2 });
    await service.clock.pause();
    expect(await stepWithSkips(service, '/api/v1/demo/next')).toMatchObject({ status: 200, body: { position: 1 } });
  });

  it('refuses moves without the administrator token, and bodies with fields', async () => {
    const service = await start();
    expect(await call(service, 'POST', '/api/v1/demo/next', {}, null)).toMatchObject({ status: 401 });
    expect(await call(service, 'POST', '/api/v1/demo/restart', {}, 'flt_wrong')).toMatchObject({ status: 401 });
    expect(await call(service, 'POST', '/api/v1/demo/next', { steps: 2 })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', message: expect.stringContaining('demo next') } });
    expect(await call(service, 'POST', '/api/v1/demo/nope', {})).toMatchObject({ status: 404 });
    expect((await call(service, 'GET', '/api/v1/demo')).body.position).toBe(0);
  });

  it('serves the demo page at /demo/', async () => {
    const service = await start();
    const page = await fetch(`${service.httpUrl}/demo/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const name of ['Next step', 'Run to end', 'Restart', 'Skip to next deadline']) expect(html).toContain(`>${name}</button>`);
    expect((await fetch(`${service.httpUrl}/demo/demo.js`)).headers.get('content-type')).toMatch(/javascript/);
  });

  it('without --demo, /api/v1/demo answers 404 saying how to start it', async () => {
    const service = unwrap(await createService({ catalogue, scenario: scenario(), seed: 7, speed: 1, httpPort: 0, mqttPort: 0, store: ':memory:', logger: silentLogger }));
    services.push(service);
    for (const [method, path] of [['GET', '/api/v1/demo'], ['POST', '/api/v1/demo/next'], ['POST', '/api/v1/demo/restart']] as const) {
      expect(await call(service, method, path, method === 'POST' ? {} : undefined)).toMatchObject({
        status: 404, body: { error: 'NOT_FOUND', message: expect.stringContaining('--demo') },
      });
    }
  });
});
