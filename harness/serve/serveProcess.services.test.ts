import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { wallNow } from '../../emulator/clock/wallClock.ts';
import { DRAIN_DEADLINE_MS } from '../cli/commands/serve.ts';
import { downloadAsDevice, type RegisteredDevice } from './testing/downloadAsDevice.ts';
import { spawnServe } from './testing/spawnServe.ts';

const SCENARIO = 'scenarios/gateway/move-license.yaml';
const run = promisify(execFile);

/** The real curl: `-s`, the body and, on the last line, the status code. */
async function curl(url: string, ...args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run('curl', ['-s', '-w', '\n%{http_code}', ...args, url]);
  const at = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(at + 1)), body: stdout.slice(0, at) };
}

/**
 * `fleetrig serve` as a deployment runs it: its own process on free ports and a store of its
 * own, probed with curl, stopped with SIGTERM.
 */
describe('fleetrig serve as a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-serve-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('[SERVE] answers /healthz, counts devices and requests on /metrics, and exits 0 on SIGTERM with its closing line', async () => {
    const served = await spawnServe([SCENARIO, '--http-port', '0', '--mqtt-port', '0', '--store', join(dir, 'store.db'), '--seed', '3']);
    const serve = served.child;
    child = serve;
    const { http, token, exited } = served;
    const [first, second] = served.lines;
    const auth = ['-H', `authorization: Bearer ${token}`];

    expect(await curl(`${http}/healthz`)).toEqual({ status: 200, body: '{"status":"ok"}' });

    // A device of our own makes one request over MQTT, as firmware would.
    const registered = await curl(`${http}/api/v1/devices`, ...auth, '-H', 'content-type: application/json', '-d', '{"family":"gateway"}');
    expect(registered.status, registered.body).toBe(201);
    const device = JSON.parse(registered.body) as RegisteredDevice;
    expect(await downloadAsDevice(served, device, 'r1')).toEqual([]);
    // And one over HTTP, to the license server's API.
    expect(await curl(`${http}/api/v1/gateway/devices/${device.hardwareId}/licenses`, ...auth)).toMatchObject({ status: 200 });

    const metrics = await curl(`${http}/metrics`);
    expect(metrics.status).toBe(200);
    // The scenario's two gateways, by family and state (serviceMetrics.ts).
    expect(metrics.body).toMatch(/^fleetrig_devices\{family="gateway",state="\w+"\} 2$/m);
    expect(metrics.body).toMatch(/^fleetrig_device_requests_total\{op="gateway\.download",outcome="ok"\} 1$/m);
    expect(metrics.body).toMatch(/^fleetrig_http_requests_total\{method="GET",route="\/api\/v1\/gateway\/devices\/:hardwareId\/licenses",status="200"\} 1$/m);
    expect(metrics.body).toMatch(/^fleetrig_broker_clients \d+$/m);

    const stopping = wallNow();
    process.kill(serve.pid!, 'SIGTERM');
    const code = await exited;
    const tookMs = wallNow() - stopping;
    expect(code, served.stderr()).toBe(0);
    expect(served.stderr()).toMatch(/"msg":"closed"/);
    expect(served.stderr()).toMatch(/fleetrig serve: SIGTERM received; closed\n$/);
    expect(served.stdout()).toBe(`${first}\n${second}\n`);
    // No wall-time assertion: the process bounds its own close (serve.ts), under 5 s.
    expect(DRAIN_DEADLINE_MS).toBeLessThan(5_000);
    process.stderr.write(`fleetrig serve: SIGTERM to exit ${Math.round(tookMs)} ms (drain deadline ${DRAIN_DEADLINE_MS} ms)\n`);
  }, 60_000);
});
