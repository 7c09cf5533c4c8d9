import { freshSeed } from '../../emulator/random/Random.ts';
import { wallNow } from '../../emulator/clock/wallClock.ts';
import { ok, type Result } from '../../protocol/result.ts';
import type { FileResult, Reporter, RunResult, ScenarioResult, StepStart } from '../report/RunResult.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import { loadFailure, type LoadFailure } from '../scenario/loadErrors.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { createCatalogue, type Catalogue } from '../catalogue.ts';
import { transportFor, type TransportMode } from '../transport/chooseTransport.ts';
import { interrupt, runScenario } from './runScenario.ts';

export interface RunOptions {
  paths: string[];
  seed?: number;
  realtime?: boolean;
  /** An external MQTT broker for the whole run (`--broker`). */
  brokerUrl?: string;
  /** Without a broker URL: the embedded broker in process (`stream`, the default), over loopback `tcp`, or plain in-memory wires (`memory`). */
  transport?: TransportMode;
  /** Wall-clock ms one frame may take over a real socket (`tcp`, a broker) before the scenario fails (`--io-timeout`). */
  ioTimeoutMs?: number;
  /**
   * The seed of every broker password (`--credentials-seed`); the run seed by default. One
   * value for the whole run — never a scenario's own `seed:` — so one password file serves it.
   */
  credentialSeed?: number;
  reporters: Reporter[];
  /** Runs only the scenarios whose name (behaviour IDs included, `[GW-9]`) matches (`--grep`). */
  grep?: RegExp;
  /** Stops after this many failed scenarios (`--bail`); the rest are counted as not run. */
  bail?: number;
  /**
   * Aborted by the first Ctrl-C or SIGTERM (its reason names it): the scenario in progress stops
   * after its step in progress, the rest are reported `interrupted`, and every report is written.
   */
  signal?: AbortSignal;
  /** The families, step kinds and portals to run with; the bundled ones unless given. */
  catalogue?: Catalogue;
}

/** A scenario a signal never let start, as the reports show it. */
function notStarted(scenario: Scenario, signal: AbortSignal): ScenarioResult {
  const result: ScenarioResult = { file: scenario.file, name: scenario.name, ids: scenario.ids, status: 'interrupted', devices: 0, steps: scenario.steps.length, virtualMs: 0, wallMs: 0, trace: [] };
  interrupt(result, signal, 'before it started', { line: scenario.line });
  return result;
}

/** The scenarios of a run: those whose name matches `grep`, or all of them. */
export function selectScenarios<S extends { name: string }>(scenarios: readonly S[], grep: RegExp | undefined): S[] {
  return grep === undefined ? [...scenarios] : scenarios.filter((s) => grep.test(s.name));
}

/**
 * Loads every scenario under `paths` (refusing to run anything if one file is invalid), then
 * runs those selected one by one, each on a fresh fleet, telling the reporters as it goes.
 */
export async function runFiles(options: RunOptions): Promise<Result<RunResult, LoadFailure>> {
  const started = wallNow();
  const catalogue = options.catalogue ?? createCatalogue();
  const loaded = await loadFiles(options.paths, catalogue);
  if (loaded.errors.length > 0) {
    return { ok: false, error: loadFailure('SCENARIO_INVALID', loaded.errors) };
  }
  const seed = options.seed ?? freshSeed();
  const { ioTimeoutMs } = options;
  const credentialSeed = options.credentialSeed ?? seed;
  const transport = transportFor(options.brokerUrl !== undefined ? { brokerUrl: options.brokerUrl, ioTimeoutMs, credentialSeed } : { mode: options.transport ?? 'stream', ioTimeoutMs, credentialSeed });
  const selected = selectScenarios(loaded.scenarios, options.grep);
  // A file none of whose scenarios is selected is not part of the run (nor of its reports).
  const files = options.grep === undefined ? loaded.files : loaded.files.filter((f) => selected.some((s) => s.file === f));
  for (const r of options.reporters) r.onRunStart?.({ seed, files, scenarios: selected.length });

  const byFile = new Map<string, FileResult>(files.map((f) => [f, { file: f, scenarios: [] }]));
  let passed = 0;
  let failed = 0;
  let notRun = 0;
  let interrupted = 0;
  for (const scenario of selected) {
    if (options.bail !== undefined && failed >= options.bail) {
      notRun = selected.length - passed - failed;
      break;
    }
    const { signal } = options;
    let result: ScenarioResult;
    if (signal?.aborted === true) {
      result = notStarted(scenario, signal);
    } else {
      for (const r of options.reporters) r.onScenarioStart?.({ file: scenario.file, name: scenario.name });
      const onStepStart = (info: StepStart): void => {
        for (const r of options.reporters) r.onStepStart?.(info);
      };
      result = await runScenario(scenario, { seed: options.seed ?? scenario.seed ?? seed, realtime: options.realtime ?? false, catalogue, transport, signal, onStepStart });
    }
    byFile.get(scenario.file)!.scenarios.push(result);
    if (result.status === 'passed') passed++;
    else if (result.status === 'failed') failed++;
    else interrupted++;
    for (const r of options.reporters) r.onScenarioEnd?.(result);
  }
  const run: RunResult = { seed, files: [...byFile.values()], passed, failed, wallMs: Math.round(wallNow() - started) };
  if (notRun > 0) run.notRun = notRun;
  if (interrupted > 0) run.interrupted = { scenarios: interrupted, signal: String(options.signal?.reason) };
  for (const r of options.reporters) await r.onRunEnd?.(run);
  return ok(run);
}
