import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallNow } from '../../../emulator/clock/wallClock.ts';
import { LICENSE_SERVER_USER } from '../../../broker/brokerSecret.ts';
import { startOwnMosquitto, type OwnMosquitto } from '../../../broker/testing/ownMosquitto.ts';

const SEED = 7;
const repo = join(import.meta.dirname, '..', '..', '..');
const BIN = join(repo, 'bin', 'fleetrig.js');

interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

/** Every fleetrig process this file started, ended by PID if a failure left one running. */
const children: ChildProcess[] = [];

/** `node bin/fleetrig.js …` in the repo, as a user runs it, with neither colours nor a credential seed from outside. */
function fleetrig(args: string[]): Promise<Exited> {
  const started = wallNow();
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FLEETRIG_CREDENTIALS_SEED;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<Exited>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr, wallMs: wallNow() - started })));
}

/** The broker received a request from `deviceId` on its `req` topic (Mosquitto's `log_type all`). */
const requestFrom = (deviceId: string): RegExp => new RegExp(`Received PUBLISH from ${deviceId} \\(.*'fleetrig/v1/dev/${deviceId}/req'`);
/** A device published its retained state (the `r1` of Mosquitto's log line). */
const STATE = /Received PUBLISH from (\S+) \(d\d, q\d, r1, .*'fleetrig\/v1\/dev\/[^/']+\/state'/;
const CONNECTED = /New client connected from \S+ as (\S+) /;
const GONE = /Client (\S+) (?:disconnected|closed its connection|has exceeded timeout)/;

/** The clients connected at the end of these log lines. */
function connectedClients(lines: readonly string[]): Set<string> {
  const connected = new Set<string>();
  for (const line of lines) {
    const came = CONNECTED.exec(line);
    if (came !== null) connected.add(came[1]!);
    const went = GONE.exec(line);
    if (went !== null) connected.delete(went[1]!);
  }
  return connected;
}

interface Restart {
  readonly when: string;
  /** Connected when Mosquitto was stopped. */
  readonly connected: ReadonlySet<string>;
  /** Its log lines from the restarted broker on. */
  readonly from: number;
  /** Wall ms from SIGTERM to the new broker listening. */
  readonly downMs: number;
}

/**
 * `fleetrig credentials` for every bundled scenario, a Mosquitto of this test's own with those
 * files, and `fleetrig run scenarios/ --broker` as a child process while the broker is stopped by
 * SIGTERM and started again on the same port — twice: once with 1,000 gateways downloading at
 * once, once in a ten-SmartServer scenario. Nothing of the run knows it is coming.
 */
describe('fleetrig run --broker through a Mosquitto that restarts mid-run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-restart-'));
  let mosquitto: OwnMosquitto | undefined;

  beforeAll(async () => {
    const written = await fleetrig(['credentials', 'scenarios/', '--out', dir, '--seed', String(SEED)]);
    expect(written.code, written.stderr).toBe(0);
    // `all` logs every packet: the test sees a request arrive, so it restarts the broker mid-scenario.
    mosquitto = await startOwnMosquitto({ dir, credentials: { passwordFile: join(dir, 'fleetrig.passwd'), aclFile: join(dir, 'fleetrig.acl') }, logTypes: ['all'] });
  }, 60_000);

  afterAll(async () => {
    for (const child of children) if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    await mosquitto?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('[MQTT] every device reconnects, every scenario passes, and the JSON report is the in-process run\'s', async () => {
    const broker = mosquitto!;
    const restartWhen = async (when: string, pattern: RegExp): Promise<Restart> => {
      await broker.logged(pattern, 1, 120_000);
      const connected = connectedClients(broker.logLines());
      const stopping = wallNow();
      await broker.stop();
      const from = broker.logLines().length;
      await broker.start();
      return { when, connected, from, downMs: wallNow() - stopping };
    };

    const json = join(dir, 'broker.json');
    const running = fleetrig(['run', 'scenarios/', '--broker', broker.url, '--seed', String(SEED), '--json', json]);
    const restarts = (async () => [
      // Step gateway.download of scenarios/fleet/gateways-1000.yaml: every gateway has a request out.
      await restartWhen('1,000 gateways downloading', requestFrom('gw-0500')),
      // scenarios/smartserver/demo-transfer-reprovision.yaml, the only one with ten SmartServers.
      await restartWhen('ten SmartServers provisioning', requestFrom('ss-010')),
    ])();
    // Awaited below; a run that ends before a restart fails on its exit code first.
    restarts.catch(() => undefined);
    const finished = await running;
    // A broker that throws messages away (a queue too small: docs/mosquitto.md) says so first.
    expect(broker.logLines().filter((line) => line.includes('Outgoing messages are being dropped'))).toEqual([]);
    const why = `exit ${finished.code}\n${finished.stdout}\n${finished.stderr}\n${broker.logTail()}`;
    expect(finished.code, why).toBe(0);
    expect(finished.stdout, why).toMatch(/^(\d+) scenarios: \1 passed, 0 failed/m);
    const done = await restarts;

    const lines = broker.logLines();
    for (const restart of done) {
      const after = lines.slice(restart.from);
      const back = new Set(after.flatMap((line) => CONNECTED.exec(line)?.[1] ?? []));
      const republished = new Set(after.flatMap((line) => STATE.exec(line)?.[1] ?? []));
      const devices = [...restart.connected].filter((id) => id !== LICENSE_SERVER_USER);
      expect(devices.length, restart.when).toBeGreaterThan(1);
      expect([...restart.connected].filter((id) => !back.has(id)), `clients connected when the broker stopped (${restart.when}) and never back`).toEqual([]);
      // A restarted broker without persistence retains nothing: each device publishes its state again.
      expect(devices.filter((id) => !republished.has(id)), `devices whose state was not republished (${restart.when})`).toEqual([]);
    }

    const inProcess = await fleetrig(['run', 'scenarios/', '--seed', String(SEED), '--json', join(dir, 'stream.json')]);
    expect(inProcess.code, inProcess.stderr).toBe(0);
    // Nothing lost, nothing doubled: every scenario did what it does without a broker restart.
    expect(readFileSync(json, 'utf8')).toBe(readFileSync(join(dir, 'stream.json'), 'utf8'));

    process.stderr.write(`broker restarts: run ${(finished.wallMs / 1000).toFixed(1)} s through Mosquitto (in process ${(inProcess.wallMs / 1000).toFixed(1)} s); ${done.map((r) => `${r.when}: ${r.connected.size} clients, down ${Math.round(r.downMs)} ms`).join('; ')}\n`);
  }, 300_000);
});
