/** Fake streams and a fake runner for testing the CLI in-process. */
import { ok } from '../../protocol/result.ts';
import type { RunResult } from '../report/RunResult.ts';
import { sampleRun } from '../report/sampleRun.fixture.ts';
import type { RunOptions } from '../runner/runFiles.ts';
import type { CliDeps } from './CommandContext.ts';

export function fakeIo(options: { isTTY?: boolean; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (t: string) => out.push(t), isTTY: options.isTTY }, stderr: { write: (t: string) => err.push(t) }, env: options.env ?? {} };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

export const allPassed: RunResult = { seed: 7, files: [{ file: 'a.yaml', scenarios: [sampleRun.files[1]!.scenarios[0]!] }], passed: 1, failed: 0, wallMs: 10 };

/** A runner that plays a finished run to the reporters and remembers the options it got. */
export function fakeDeps(run: RunResult = sampleRun) {
  const calls: RunOptions[] = [];
  const deps: CliDeps = {
    async runFiles(options) {
      calls.push(options);
      const played = { ...run, seed: options.seed ?? run.seed };
      for (const r of options.reporters) r.onRunStart?.({ seed: played.seed, files: played.files.map((f) => f.file) });
      for (const s of played.files.flatMap((f) => f.scenarios)) for (const r of options.reporters) r.onScenarioEnd?.(s);
      for (const r of options.reporters) await r.onRunEnd?.(played);
      return ok(played);
    },
    async validateFiles(paths) {
      return { files: paths, errors: [] };
    },
    async listScenarios(_paths, grep) {
      const scenarios = run.files.flatMap((f) => f.scenarios).map(({ file, name }) => ({ file, name }));
      return { scenarios: grep === undefined ? scenarios : scenarios.filter((s) => grep.test(s.name)), errors: [] };
    },
  };
  return { deps, calls };
}
