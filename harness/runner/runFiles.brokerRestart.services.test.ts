import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WallClock, wallNow } from '../../emulator/clock/wallClock.ts';
import { sleep } from '../../emulator/clock/Clock.ts';
import { connectMqtt } from '../../broker/connect.ts';
import { unwrap } from '../../protocol/result.ts';
import { runFiles } from './runFiles.ts';

const MOSQUITTO = '/usr/sbin/mosquitto';
const SCENARIO = 'scenarios/gateway/move-license.yaml';
const DEVICES = ['gw-001', 'gw-002'];
const wall = new WallClock();

/**
 * Our own Mosquitto on a free port (never the machine's on 1883), killed by PID and started again
 * on the same port while a scenario runs through it: every device must come back and the
 * scenario pass.
 */
describe('runFiles through a Mosquitto that is killed and restarted mid-run', () => {
  let dir: string;
  let port: number;
  let mosquitto: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    mosquitto = spawn(MOSQUITTO, ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    for (let tries = 0; !(await accepts(port)); tries++) {
      if (tries > 100) throw new Error(`mosquitto did not listen on ${port}`);
      await sleep(wall, 20);
    }
  };
  const kill = async (): Promise<void> => {
    const dying = mosquitto;
    mosquitto = undefined;
    if (dying?.pid === undefined || dying.exitCode !== null) return;
    const exited = new Promise((resolve) => dying.once('exit', resolve));
    process.kill(dying.pid, 'SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} is missing: install Debian's mosquitto`);
    dir = mkdtempSync(join(tmpdir(), 'fleetrig-mosquitto-'));
    port = await freePort();
    writeFileSync(join(dir, 'mosquitto.conf'), `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    await start();
  });
  afterAll(async () => {
    await kill();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('[MQTT] [GW-3] every device reconnects, republishes its state, and the scenario passes with the events it has without the restart', async () => {
    const url = `mqtt://127.0.0.1:${port}`;
    const reference = unwrap(await runFiles({ paths: [SCENARIO], seed: 5, brokerUrl: url, reporters: [] })).files[0]!.scenarios[0]!;
    const spy = await connectMqtt({ url, username: 'spy', password: 'x', clientId: `spy-${process.pid}` });
    await spy.subscribeAsync('fleetrig/v1/dev/+/req', { qos: 1 });
    let requests = 0;
    let restart: Promise<{ at: number; back: Promise<number> }> | undefined;
    spy.on('message', () => {
      // Mid-run: while the third request is on its way.
      if (++requests !== 3 || restart !== undefined) return;
      restart = (async () => {
        await kill();
        await sleep(wall, 300);
        await start();
        const at = wallNow();
        return { at, back: statesSeen(url, DEVICES) };
      })();
    });

    const run = unwrap(await runFiles({ paths: [SCENARIO], seed: 5, brokerUrl: url, reporters: [] }));
    spy.end(true);
    expect(restart).toBeDefined();
    const { at, back } = await restart!;
    const reconnectMs = (await back) - at;
    const [result] = run.files[0]!.scenarios;
    expect(result).toMatchObject({ status: 'passed' });
    // Nothing lost, nothing doubled, virtual time held across the outage: the same events at the
    // same virtual times. (Replies that land in one batch may come in another order: a re-sent
    // request takes its place in the batch when it is re-sent.)
    expect(events(result!.trace)).toEqual(events(reference.trace));
    expect(reconnectMs).toBeLessThan(5_000);
    process.stderr.write(`broker restart: every device's state republished ${Math.round(reconnectMs)} ms after Mosquitto listened again\n`);
  });
});

/** A trace as the set of what happened when, whatever the order within one instant. */
function events(trace: readonly unknown[]): string[] {
  return trace.map((event) => JSON.stringify(event)).sort();
}

/** Resolves with the wall time at which each device's retained state was there on the broker. */
async function statesSeen(url: string, devices: string[]): Promise<number> {
  const watcher = await connectMqtt({ url, username: 'watcher', password: 'x', clientId: `watcher-${process.pid}` });
  const missing = new Set(devices);
  const done = new Promise<number>((resolve) => watcher.on('message', (topic) => {
    missing.delete(topic.split('/')[3] ?? '');
    if (missing.size === 0) resolve(wallNow());
  }));
  await watcher.subscribeAsync('fleetrig/v1/dev/+/state', { qos: 1 });
  const at = await done;
  watcher.end(true);
  return at;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
