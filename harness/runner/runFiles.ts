import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { freshSeed } from '../../emulator/random/Random.ts';
import { openFleetSplit } from '../fleet/openFleetSplit.ts';
import { wallNow } from '../../emulator/clock/wallClock.ts';
import { ok, type Result } from '../../protocol/result.ts';
import type { FileResult, Reporter, RunResult, ScenarioResult, StepStart } from '../report/RunResult.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import { loadFailure, type LoadFailure } from '../scenario/loadErrors.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { createCatalogue, type Catalogue } from '../catalogue.ts';
import { transportFor, type TransportMode } from '../transport/chooseTransport.ts';
import { notStarted } from './notStarted.ts';
import { runScenario } from './runScenario.ts';
import { shardFiles, type Shard } from './shardFiles.ts';
import { runInWorkers, type FileJob } from './workerPool.ts';

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
  /**
   * Told as things happen (a progress display), before `reporters`: with workers, scenarios
   * start and end on every lane at once and in any order, while `reporters` hear of them in run order.
   */
  progress?: Reporter[];
  /** Runs only the scenarios whose name (behaviour IDs included, `[GW-9]`) matches (`--grep`). */
  grep?: RegExp;
  /** Stops after this many failed scenarios (`--bail`); the rest are counted as not run. */
  bail?: number;
  /**
   * Aborted by the first Ctrl-C or SIGTERM (its reason names it): the scenario in progress stops
   * after its step in progress, the rest are reported `interrupted`, and every report is written.
   */
  signal?: AbortSignal;
  /**
   * The families, step kinds and portals to run with; the bundled ones unless given. A catalogue
   * of one's own cannot cross to a worker thread, so it runs in this process whatever `workers` says.
   */
  catalogue?: Catalogue;
  /**
   * How many scenario files run at once, each on a worker thread (`--workers`); 1, the default,
   * runs every scenario in this process. The reports are the same whatever the number.
   */
  workers?: number;
  /** Runs only this part of the scenario files (`--shard i/n`); see shardFiles. */
  shard?: Shard;
  /**
   * Runs this part of each scenario's fleet (`--fleet-shard i/n`), meeting the other parts at
   * `brokerUrl` and sharing one PostgreSQL store (docs/scale.md). Needs a broker URL and a seed.
   */
  fleetSplit?: { shard: Shard; fleetId: string; storeUrl: string; joinTimeoutMs?: number };
}

/** The scenarios of a run: those whose name matches `grep`, or all of them. */
export function selectScenarios<S extends { name: string }>(scenarios: readonly S[], grep: RegExp | undefined): S[] {
  return grep === undefined ? [...scenarios] : scenarios.filter((s) => grep.test(s.name));
}

/**
 * Loads every scenario under `paths` (refusing to run anything if one file is invalid), then
 * runs those selected, each on a fresh fleet — one by one in this process, or a file per worker
 * thread with `workers` — telling the reporters in file and scenario order.
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
  const transportChoice = options.brokerUrl !== undefined ? { brokerUrl: options.brokerUrl, ioTimeoutMs, credentialSeed } : { mode: options.transport ?? 'stream', ioTimeoutMs, credentialSeed };
  const transport = transportFor(transportChoice);
  const matching = selectScenarios(loaded.scenarios, options.grep);
  // A file none of whose scenarios is selected is not part of the run (nor of its reports).
  const allFiles = options.grep === undefined ? loaded.files : loaded.files.filter((f) => matching.some((s) => s.file === f));
  const files = options.shard === undefined ? allFiles : shardFiles(allFiles, options.shard);
  const selected = options.shard === undefined ? matching : matching.filter((s) => files.includes(s.file));
  const split = options.fleetSplit === undefined ? undefined : await joinSplit(options, options.fleetSplit, seed, credentialSeed, selected);
  const live = options.progress ?? [];
  const everyone = [...live, ...options.reporters];
  for (const r of everyone) r.onRunStart?.({ seed, files, scenarios: selected.length });

  const byFile = new Map<string, FileResult>(files.map((f) => [f, { file: f, scenarios: [] }]));
  let passed = 0;
  let failed = 0;
  let notRun = 0;
  let interrupted = 0;
  const workers = options.catalogue === undefined && split === undefined ? Math.min(options.workers ?? 1, files.length) : 1;
  // One lane: things happen in run order, so the live reporters hear them with the others.
  const told = workers > 1 ? options.reporters : everyone;
  const record = (result: ScenarioResult): void => {
    byFile.get(result.file)!.scenarios.push(result);
    if (result.status === 'passed') passed++;
    else if (result.status === 'failed') failed++;
    else interrupted++;
    for (const r of told) r.onScenarioEnd?.(result);
  };
  if (workers > 1) {
    // Results come in the order workers finish them; they are told on in the run's own order,
    // and --bail counts them in that order too, so every report is the one a single worker writes.
    const done = new Map<number, ScenarioResult>();
    let next = 0;
    let bailed = false;
    const tell = (): void => {
      while (!bailed && done.has(next)) {
        const result = done.get(next)!;
        done.delete(next);
        next++;
        for (const r of told) r.onScenarioStart?.({ file: result.file, name: result.name });
        record(result);
        if (options.bail !== undefined && failed >= options.bail && next < selected.length) {
          notRun = selected.length - passed - failed;
          bailed = true;
        }
      }
    };
    await runInWorkers({
      jobs: fileJobs(selected, loaded.scenarios),
      workers,
      settings: { runSeed: seed, seed: options.seed, realtime: options.realtime ?? false, transport: transportChoice },
      catalogue,
      transport,
      signal: options.signal,
      onScenarioStart: (info) => live.forEach((r) => r.onScenarioStart?.(info)),
      onStepStart: (info) => live.forEach((r) => r.onStepStart?.(info)),
      onResult(index, result) {
        for (const r of live) r.onScenarioEnd?.(result);
        done.set(index, result);
        tell();
        return !bailed;
      },
    });
    // Files the signal kept from starting: their scenarios never reached a worker.
    const { signal } = options;
    if (!bailed && signal?.aborted === true) {
      for (let i = next; i < selected.length; i++) if (!done.has(i)) done.set(i, notStarted(selected[i]!, signal));
      tell();
    }
  }
  for (const scenario of workers > 1 ? [] : selected) {
    if (options.bail !== undefined && failed >= options.bail) {
      notRun = selected.length - passed - failed;
      break;
    }
    const { signal } = options;
    let result: ScenarioResult;
    if (signal?.aborted === true) {
      result = notStarted(scenario, signal);
    } else {
      for (const r of told) r.onScenarioStart?.({ file: scenario.file, name: scenario.name });
      const onStepStart = (info: StepStart): void => {
        for (const r of told) r.onStepStart?.(info);
      };
      result = await runScenario(scenario, { seed: options.seed ?? scenario.seed ?? seed, realtime: options.realtime ?? false, catalogue, transport, signal, onStepStart, ...(split === undefined ? {} : { split }) });
    }
    record(result);
  }
  await split?.close();
  const run: RunResult = { seed, files: [...byFile.values()], passed, failed, wallMs: Math.round(wallNow() - started) };
  if (notRun > 0) run.notRun = notRun;
  if (options.shard !== undefined) run.shard = { ...options.shard, files: allFiles };
  // A shard of a split fleet stops when another shard is interrupted, with no signal of its own.
  if (interrupted > 0) run.interrupted = { scenarios: interrupted, signal: options.signal?.aborted === true ? String(options.signal.reason) : 'a signal to another fleet shard' };
  for (const r of everyone) await r.onRunEnd?.(run);
  return ok(run);
}

/** The selected scenarios grouped by file, in run order, each with its place in its file and in the run. */
function fileJobs(selected: readonly Scenario[], loaded: readonly Scenario[]): FileJob[] {
  const jobs = new Map<string, { file: string; picks: { at: number; index: number }[] }>();
  selected.forEach((scenario, index) => {
    const at = loaded.filter((s) => s.file === scenario.file).indexOf(scenario);
    let job = jobs.get(scenario.file);
    if (job === undefined) jobs.set(scenario.file, (job = { file: scenario.file, picks: [] }));
    job.picks.push({ at, index });
  });
  return [...jobs.values()];
}

/**
 * Joins the other shards of the fleet. They must run the same scenarios of the same files with
 * the same seed, or their fleets would differ: a digest of those is checked at the hello.
 */
async function joinSplit(options: RunOptions, fleet: NonNullable<RunOptions['fleetSplit']>, seed: number, credentialSeed: number, selected: readonly Scenario[]): Promise<Awaited<ReturnType<typeof openFleetSplit>>> {
  if (options.brokerUrl === undefined) throw new TypeError('runFiles: a split fleet needs a broker URL');
  const digest = createHash('sha256');
  digest.update(JSON.stringify({ seed, shards: fleet.shard.total, scenarios: selected.map((s) => [s.file, s.name, s.seed]) }));
  for (const file of new Set(selected.map((s) => s.file))) digest.update(readFileSync(file));
  return openFleetSplit({
    shard: fleet.shard, fleetId: fleet.fleetId, brokerUrl: options.brokerUrl, storeUrl: fleet.storeUrl, credentialSeed,
    digest: digest.digest('hex'), ...(fleet.joinTimeoutMs === undefined ? {} : { joinTimeoutMs: fleet.joinTimeoutMs }),
  });
}
