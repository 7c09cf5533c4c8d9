import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reporter, ScenarioResult } from '../report/RunResult.ts';
import { unwrap } from '../../protocol/result.ts';
import { listScenarios } from './listScenarios.ts';
import { runFiles } from './runFiles.ts';

/** Three small scenarios in two files: one [GW-9] that passes, one [GW-5] that fails, one [GW-9] that fails. */
function scenarioDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-run-files-'));
  const scenario = (name: string, state: string) => `name: "${name}"\nfleet:\n  - family: gateway\nsteps:\n  - expect: { devices: gw-001, state: ${state} }\n`;
  writeFileSync(join(dir, 'a.yaml'), `${scenario('[GW-9] a passes', 'running')}---\n${scenario('[GW-5] a fails', 'off')}`);
  writeFileSync(join(dir, 'b.yaml'), scenario('[GW-9] b fails', 'off'));
  return dir;
}

/** Paths as the run names them: relative to the working directory. */
const shown = (dir: string, file: string) => relative(process.cwd(), join(dir, file));

function recorder(): { reporter: Reporter; ended: ScenarioResult[]; files: string[][] } {
  const ended: ScenarioResult[] = [];
  const files: string[][] = [];
  return { ended, files, reporter: { onRunStart: (info) => void files.push(info.files), onScenarioEnd: (r) => void ended.push(r) } };
}

describe('runFiles: choosing and stopping', () => {
  it('[GW-9] runs only the scenarios whose name matches --grep, and reports only their files', async () => {
    const dir = scenarioDir();
    const seen = recorder();
    const run = unwrap(await runFiles({ paths: [dir], seed: 1, transport: 'memory', grep: /GW-5/, reporters: [seen.reporter] }));
    expect(seen.ended.map((s) => s.name)).toEqual(['[GW-5] a fails']);
    expect(seen.files).toEqual([[shown(dir, 'a.yaml')]]);
    expect(run.files.map((f) => f.file)).toEqual([shown(dir, 'a.yaml')]);
    expect(run).toMatchObject({ passed: 0, failed: 1 });
    expect(run.notRun).toBeUndefined();
  });

  it('stops after --bail failures and counts the rest as not run', async () => {
    const dir = scenarioDir();
    const seen = recorder();
    const run = unwrap(await runFiles({ paths: [dir], seed: 1, transport: 'memory', bail: 1, reporters: [seen.reporter] }));
    expect(seen.ended.map((s) => [s.name, s.status])).toEqual([['[GW-9] a passes', 'passed'], ['[GW-5] a fails', 'failed']]);
    expect(run).toMatchObject({ passed: 1, failed: 1, notRun: 1 });
    const all = unwrap(await runFiles({ paths: [dir], seed: 1, transport: 'memory', bail: 2, reporters: [] }));
    expect(all).toMatchObject({ passed: 1, failed: 2 });
    expect(all.notRun).toBeUndefined();
  });

  it('stops at a signal after the step in progress, marks the rest interrupted, and still reports every scenario', async () => {
    const dir = scenarioDir();
    const controller = new AbortController();
    const seen = recorder();
    // The signal arrives while the first scenario runs: it still ends, the others never start.
    const stopper: Reporter = { onScenarioStart: () => controller.abort('SIGINT') };
    const run = unwrap(await runFiles({ paths: [dir], seed: 1, transport: 'memory', signal: controller.signal, reporters: [stopper, seen.reporter] }));
    expect(seen.ended.map((s) => [s.name, s.status, s.failure?.message])).toEqual([
      ['[GW-9] a passes', 'interrupted', 'interrupted by SIGINT before step 1 of 1'],
      ['[GW-5] a fails', 'interrupted', 'interrupted by SIGINT before it started'],
      ['[GW-9] b fails', 'interrupted', 'interrupted by SIGINT before it started'],
    ]);
    expect(run).toMatchObject({ passed: 0, failed: 0, interrupted: { scenarios: 3, signal: 'SIGINT' } });
    expect(run.files.flatMap((f) => f.scenarios)).toHaveLength(3);
  });

  it('lists what a run would run, in order, with file and line, running nothing', async () => {
    const dir = scenarioDir();
    expect(await listScenarios([dir], /GW-9/)).toEqual({
      scenarios: [{ file: shown(dir, 'a.yaml'), line: 1, name: '[GW-9] a passes' }, { file: shown(dir, 'b.yaml'), line: 1, name: '[GW-9] b fails' }],
      errors: [],
    });
  });
});
