import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { blobReporter } from '../report/blobReporter.ts';
import { renderJsonTrace } from '../report/jsonReporter.ts';
import { renderJunit, type JunitHost } from '../report/junitReporter.ts';

const HOST: JunitHost = { hostname: 'ci', startedAt: 0 };
import { mergeBlobDir } from '../report/mergeBlobs.ts';
import type { Reporter, RunResult, ScenarioResult } from '../report/RunResult.ts';
import { listScenarios } from './listScenarios.ts';
import { runFiles, type RunOptions } from './runFiles.ts';

/** Four files of small gateway scenarios: a.yaml passes then fails, b.yaml fails, c.yaml and d.yaml pass through a few steps. */
function scenarioDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-workers-'));
  const scenario = (name: string, state: string) => `name: "${name}"\nfleet:\n  - family: gateway\nsteps:\n  - expect: { devices: gw-001, state: ${state} }\n`;
  const longer = (name: string) => `name: "${name}"\nfleet:\n  - family: gateway\n    count: 3\nsteps:\n  - advance: 1h\n  - expect: { devices: gw-*, state: running }\n  - advance: 1d\n`;
  writeFileSync(join(dir, 'a.yaml'), `${scenario('[GW-9] a passes', 'running')}---\n${scenario('[GW-5] a fails', 'off')}`);
  writeFileSync(join(dir, 'b.yaml'), scenario('[GW-9] b fails', 'off'));
  writeFileSync(join(dir, 'c.yaml'), longer('c runs a day'));
  writeFileSync(join(dir, 'd.yaml'), `${longer('d runs a day')}---\n${longer('d runs another day')}`);
  return dir;
}

/** Wall times are the one thing a JUnit report holds that two runs may not share. */
const withoutWallTimes = (xml: string): string => xml.replace(/ time="[\d.]+"/g, ' time="-"');

function recorder(): { reporter: Reporter; ended: ScenarioResult[] } {
  const ended: ScenarioResult[] = [];
  return { ended, reporter: { onScenarioEnd: (r) => void ended.push(r) } };
}

async function reports(options: Omit<RunOptions, 'reporters'>): Promise<{ run: RunResult; json: string; junit: string; told: string[] }> {
  const seen = recorder();
  const run = unwrap(await runFiles({ ...options, reporters: [seen.reporter] }));
  return { run, json: renderJsonTrace(run), junit: withoutWallTimes(renderJunit(run, HOST)), told: seen.ended.map((s) => `${s.file} › ${s.name}`) };
}

describe('runFiles with workers', () => {
  it('[GW-5][GW-9] --workers 2 reports what --workers 1 reports, in the same order, failures and all', async () => {
    const dir = scenarioDir();
    const one = await reports({ paths: [dir], seed: 11, workers: 1 });
    const two = await reports({ paths: [dir], seed: 11, workers: 2 });
    expect(one.run).toMatchObject({ passed: 4, failed: 2 });
    expect(two.told).toEqual(one.told);
    expect(two.json).toBe(one.json);
    expect(two.junit).toBe(one.junit);
  }, 60_000);

  it('tells a progress display of every scenario and step as it happens on any lane, the step\'s virtual time included', async () => {
    const dir = scenarioDir();
    const started: string[] = [];
    const ended: string[] = [];
    const steps: string[] = [];
    const progress: Reporter = {
      onScenarioStart: (s) => void started.push(s.name),
      onStepStart: (s) => void steps.push(`${s.name} ${s.index} ${s.kind} ${s.elapsed()}`),
      onScenarioEnd: (s) => void ended.push(s.name),
    };
    const run = unwrap(await runFiles({ paths: [dir], seed: 2, workers: 2, transport: 'memory', reporters: [], progress: [progress] }));
    const names = run.files.flatMap((f) => f.scenarios.map((s) => s.name));
    expect([...started].sort()).toEqual([...names].sort());
    expect([...ended].sort()).toEqual([...names].sort());
    expect(steps.filter((s) => s.startsWith('d runs another day'))).toEqual(['d runs another day 0 advance 30000', 'd runs another day 1 expect 3630000', 'd runs another day 2 advance 3630000']);
  }, 60_000);

  it('--bail counts failures in run order, so it stops where one worker stops, whichever worker failed first', async () => {
    const dir = scenarioDir();
    const one = await reports({ paths: [dir], seed: 3, workers: 1, bail: 1, transport: 'memory' });
    const two = await reports({ paths: [dir], seed: 3, workers: 2, bail: 1, transport: 'memory' });
    expect(one.run).toMatchObject({ passed: 1, failed: 1, notRun: 4 });
    expect(two.run).toMatchObject({ passed: 1, failed: 1, notRun: 4 });
    expect(two.told).toEqual(one.told);
    expect(two.json).toBe(one.json);
  }, 60_000);

  it('stops every worker at a signal, and still reports every scenario, those it kept from starting interrupted', async () => {
    const dir = scenarioDir();
    const controller = new AbortController();
    const seen = recorder();
    // After the first result no file starts: c.yaml and d.yaml wait for a worker that a.yaml and b.yaml still hold.
    const stopper: Reporter = { onScenarioEnd: () => controller.abort('SIGTERM') };
    const run = unwrap(await runFiles({ paths: [dir], seed: 1, workers: 2, transport: 'memory', signal: controller.signal, reporters: [stopper, seen.reporter] }));
    expect(seen.ended.map((s) => s.name)).toEqual(['[GW-9] a passes', '[GW-5] a fails', '[GW-9] b fails', 'c runs a day', 'd runs a day', 'd runs another day']);
    expect(seen.ended.slice(3).map((s) => [s.status, s.failure?.message])).toEqual(Array(3).fill(['interrupted', 'interrupted by SIGTERM before it started']));
    expect(run.interrupted).toEqual({ scenarios: seen.ended.filter((s) => s.status === 'interrupted').length, signal: 'SIGTERM' });
  }, 60_000);
});

describe('runFiles with --shard', () => {
  it('runs every scenario exactly once over shards 1/2 and 2/2, and their merged blobs make the reports of one run', async () => {
    const dir = scenarioDir();
    const blobs = mkdtempSync(join(tmpdir(), 'fleetrig-blobs-'));
    const told: string[] = [];
    for (const index of [1, 2]) {
      const seen = recorder();
      const shard = unwrap(await runFiles({ paths: [dir], seed: 5, transport: 'memory', shard: { index, total: 2 }, reporters: [seen.reporter, blobReporter({ outputFile: join(blobs, `report-${index}.json`) })] }));
      expect(shard.shard).toMatchObject({ index, total: 2 });
      told.push(...seen.ended.map((s) => `${s.file} › ${s.name}`));
    }
    const whole = await reports({ paths: [dir], seed: 5, transport: 'memory' });
    expect(told).toEqual(whole.told);
    const merged = unwrap(await mergeBlobDir(blobs));
    expect(withoutWallTimes(renderJunit(merged, HOST))).toBe(whole.junit);
    expect(renderJsonTrace(merged)).toBe(whole.json);
  }, 60_000);

  it('--list --shard lists what that shard runs: shards 1/2 and 2/2 together list every scenario once', async () => {
    const dir = scenarioDir();
    const all = await listScenarios([dir]);
    const halves = await Promise.all([1, 2].map((index) => listScenarios([dir], undefined, { index, total: 2 })));
    expect(halves.every((h) => h.scenarios.length > 0)).toBe(true);
    expect(halves.flatMap((h) => h.scenarios)).toEqual(all.scenarios);
  });
});
