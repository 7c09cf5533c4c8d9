import { execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sleep } from '../../../emulator/clock/Clock.ts';
import { WallClock, wallNow } from '../../../emulator/clock/wallClock.ts';
import { spawnServe } from '../testing/spawnServe.ts';

const DEMO = 'scenarios/smartserver/demo-transfer-reprovision.yaml';
const run = promisify(execFile);
const wall = new WallClock();

/** The real curl: the status code and the parsed body (null when the port does not answer). */
async function curl(url: string, ...args: string[]): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const { stdout } = await run('curl', ['-s', '-w', '\n%{http_code}', ...args, url]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '\n0' }));
  const at = stdout.lastIndexOf('\n');
  const text = stdout.slice(0, at);
  return { status: Number(stdout.slice(at + 1)), body: text === '' ? null : JSON.parse(text) as Record<string, unknown> };
}

/**
 * `fleetrig serve <demo> --demo` as a sales engineer starts it: its own process on free ports,
 * driven with curl as the demo page drives it, restarted, and stopped with SIGTERM.
 */
describe('fleetrig serve --demo as a process', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  });

  it('[SS-6] steps the sales demo with curl, skips its activation, restarts it behind the same URL, and stops on SIGTERM', async () => {
    const served = await spawnServe([DEMO, '--demo', '--http-port', '0', '--mqtt-port', '0', '--seed', '3', '--speed', '1']);
    child = served.child;
    const { http, token, exited } = served;
    const [first] = served.lines;
    expect(first).toMatch(/ · store in memory \(demo mode\)$/);
    const post = (path: string) => curl(`${http}${path}`, '-X', 'POST', '-H', `authorization: Bearer ${token}`, '-H', 'content-type: application/json', '-d', '{}');

    expect((await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `${http}/demo/`])).stdout).toBe('200');
    // Up to the activation, step by step; the activation's minutes are skipped deadline by deadline.
    for (let i = 0; i < 12; i++) {
      const stepping = post('/api/v1/demo/next');
      let done: Awaited<typeof stepping> | undefined;
      void stepping.then((reply) => (done = reply));
      while (done === undefined) {
        const demo = await curl(`${http}/api/v1/demo`);
        if (done === undefined && demo.body?.waiting === true) await post('/api/v1/clock/next-deadline');
      }
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body).toMatchObject({ position: i + 1 });
    }
    const demo = await curl(`${http}/api/v1/demo`);
    expect((demo.body!.steps as { kind: string; status: string }[])[11]).toMatchObject({ kind: 'smartserver.activate', status: 'passed' });

    const restarting = wallNow();
    expect(await post('/api/v1/demo/restart')).toMatchObject({ status: 202, body: { restarting: true } });
    let back = await curl(`${http}/api/v1/demo`);
    while (back.status !== 200 || back.body?.position !== 0) {
      await sleep(wall, 20);
      back = await curl(`${http}/api/v1/demo`);
    }
    process.stderr.write(`fleetrig serve --demo: restart to answering again ${Math.round(wallNow() - restarting)} ms\n`);
    expect((back.body!.steps as { status: string }[]).every((s) => s.status === 'pending')).toBe(true);
    // The same token still moves it: same seed, fresh store.
    expect(await post('/api/v1/clock/pause')).toMatchObject({ status: 200, body: { running: false } });

    process.kill(served.child.pid!, 'SIGTERM');
    expect(await exited, served.stderr()).toBe(0);
    expect(served.stderr()).toMatch(/"msg":"demo restarting"/);
    expect(served.stderr()).toMatch(/fleetrig serve: SIGTERM received; closed\n$/);
  }, 90_000);
});
