import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOSQUITTO_URL, requireMosquitto } from '../../broker/testing/requireMosquitto.ts';
import { TEST_POSTGRES } from '../../license-server/testing/postgresTestStore.ts';
import type { RunResult, ScenarioResult } from '../report/RunResult.ts';
import { gatewaysScenario } from '../runner/testing/gatewaysScenario.ts';
import { fleetSchema } from './openFleetSplit.ts';
import { devicesIn, perDeviceResults } from './testing/perDeviceResults.ts';

const FLEETRIG = join(import.meta.dirname, '..', '..', 'bin', 'fleetrig.js');
const SEED = 20261201;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  result: ScenarioResult | undefined;
}

/** `fleetrig run FILE --seed SEED --json …` in a process of its own, as a CI job would start it. */
function fleetrig(file: string, json: string, extra: string[] = []): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FLEETRIG, 'run', file, '--seed', String(SEED), '--json', json, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      let result: ScenarioResult | undefined;
      try {
        result = (JSON.parse(readFileSync(json, 'utf8')) as RunResult).files[0]?.scenarios[0];
      } catch {
        result = undefined;
      }
      resolve({ code, stdout, stderr, result });
    });
  });
}

describe(`[GW-1][GW-6][GW-8] one 2,000-gateway scenario as two fleet shards on ${MOSQUITTO_URL} and PostgreSQL`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-split-'));
  // Unique per test process: two CI jobs on one machine must not meet each other's shards.
  const fleetId = `test-${process.pid}`;
  const split = (i: number): string[] => ['--broker', MOSQUITTO_URL, '--store', TEST_POSTGRES, '--fleet-shard', `${i}/2`, '--fleet-id', fleetId];

  beforeAll(async () => {
    await requireMosquitto();
    const admin = new pg.Client({ connectionString: TEST_POSTGRES });
    await admin.connect().catch((error: Error) => {
      throw new Error(`PostgreSQL not reachable at 127.0.0.1:5432 (${error.message})`);
    });
    await admin.end();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: TEST_POSTGRES });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${fleetSchema(fleetId)} CASCADE`);
    await admin.end();
  });

  it('gets the same per-device results as the single-process run', async () => {
    const file = gatewaysScenario(2000);
    const single = await fleetrig(file, join(dir, 'single.json'));
    const [first, second] = await Promise.all([1, 2].map((i) => fleetrig(file, join(dir, `shard-${i}.json`), split(i))));
    for (const ran of [single, first!, second!]) {
      expect([ran.code, ran.result?.status, ran.result?.failure?.message], ran.stderr).toEqual([0, 'passed', undefined]);
    }
    // Each process ran its own thousand, in fleet order.
    const ids = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `gw-${String(from + i).padStart(4, '0')}`);
    expect([...devicesIn(first!.result!)]).toEqual(ids(1, 1000));
    expect([...devicesIn(second!.result!)]).toEqual(ids(1001, 2000));
    expect([first!.result!.devices, second!.result!.devices]).toEqual([1000, 1000]);

    const whole = perDeviceResults([single.result!.trace]);
    const shards = perDeviceResults([first!.result!.trace, second!.result!.trace]);
    expect(shards.size).toBe(4000);
    // Compared device by device, so a difference names the device rather than dumping 30,000 events.
    const differing = [...whole].filter(([key, events]) => JSON.stringify(shards.get(key)) !== JSON.stringify(events)).map(([key]) => key);
    expect(differing).toEqual([]);
    expect([...shards.keys()]).toEqual([...whole.keys()]);
    expect([first!.result!.virtualMs, second!.result!.virtualMs]).toEqual([single.result!.virtualMs, single.result!.virtualMs]);
  }, 300_000);
});
