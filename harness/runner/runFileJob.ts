import { readFile } from 'node:fs/promises';
import type { ScenarioResult, StepStart } from '../report/RunResult.ts';
import type { Catalogue } from '../catalogue.ts';
import { parseScenarios } from '../scenario/parseScenarios.ts';
import type { Transport } from '../transport/Transport.ts';
import { notStarted } from './notStarted.ts';
import { runScenario } from './runScenario.ts';
import type { FileJob, WorkerSettings } from './workerPool.ts';
import type { World } from './World.ts';

export interface FileJobOptions {
  settings: WorkerSettings;
  catalogue: Catalogue;
  transport: (world: World) => Promise<Transport>;
  /** Once aborted, the scenario in progress stops after its step and the rest of the file does not start. */
  signal: AbortSignal;
  onResult(index: number, result: ScenarioResult): void;
  /** Told as each scenario starts, and before each of its steps (a progress display). */
  onScenarioStart?(info: { file: string; name: string }): void;
  onStepStart?(info: StepStart): void;
}

/** Runs the chosen scenarios of one file, one by one, as a worker of `--workers N` does (the main thread's own lane too). */
export async function runFileJob(job: FileJob, options: FileJobOptions): Promise<void> {
  const { settings, catalogue, transport, signal } = options;
  const parsed = parseScenarios(await readFile(job.file, 'utf8'), job.file, catalogue);
  // The main thread loaded this file a moment ago; a file changed since is not the run it checked.
  if (parsed.errors.length > 0) throw new Error(`${job.file} changed while the run went: ${parsed.errors[0]!.message}`);
  for (const { at, index } of job.picks) {
    const scenario = parsed.scenarios[at]!;
    if (signal.aborted) {
      options.onResult(index, notStarted(scenario, signal));
      continue;
    }
    options.onScenarioStart?.({ file: scenario.file, name: scenario.name });
    options.onResult(index, await runScenario(scenario, { seed: settings.seed ?? scenario.seed ?? settings.runSeed, realtime: settings.realtime, catalogue, transport, signal, onStepStart: options.onStepStart }));
  }
}
