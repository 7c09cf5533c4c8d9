/**
 * Runs scenario files side by side, one file at a time per lane, in file order as lanes come
 * free. The main thread is one lane, so `--workers 2` starts one worker thread, not two, and
 * the first results come before any thread has booted. Each worker thread boots through
 * bin/run-ts.js, as the `fleetrig` executable does, so it loads the TypeScript sources the
 * same way whatever started the main thread.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MqttConnectError, type MqttConnectErrorCode } from '../../broker/connect.ts';
import type { Catalogue } from '../catalogue.ts';
import type { ScenarioResult, StepStart } from '../report/RunResult.ts';
import type { TransportChoice } from '../transport/chooseTransport.ts';
import type { Transport } from '../transport/Transport.ts';
import { runFileJob } from './runFileJob.ts';
import type { World } from './World.ts';

/** What every worker needs to run a scenario as the main thread would. */
export interface WorkerSettings {
  /** The run's seed; `seed` is `--seed`, which wins over a scenario's own `seed:`. */
  readonly runSeed: number;
  readonly seed?: number;
  readonly realtime: boolean;
  readonly transport: TransportChoice;
}

/** One scenario file to run: which of its scenarios (`at`, in file order) and where each is in the run (`index`). */
export interface FileJob {
  readonly file: string;
  readonly picks: readonly { readonly at: number; readonly index: number }[];
}

export type ToWorker = { type: 'run'; job: FileJob } | { type: 'stop'; reason: string };

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  returnCode?: number;
}

export type FromWorker =
  | { type: 'start'; info: { file: string; name: string } }
  | { type: 'step'; info: Omit<StepStart, 'elapsed'> & { elapsedMs: number } }
  | { type: 'result'; index: number; result: ScenarioResult }
  | { type: 'done' }
  | { type: 'error'; error: WireError };

export interface WorkerPoolOptions {
  jobs: readonly FileJob[];
  /** Lanes, the main thread's included. */
  workers: number;
  settings: WorkerSettings;
  /** For the main thread's lane: the run's own catalogue and transport. */
  catalogue: Catalogue;
  transport: (world: World) => Promise<Transport>;
  /** Once aborted: no more files start, and each lane stops after its step in progress. */
  signal?: AbortSignal;
  /** Each scenario's result as it comes, in whatever order; return false to stop every lane (`--bail`). */
  onResult(index: number, result: ScenarioResult): boolean;
  /** Told as scenarios and their steps start, on any lane (a progress display). */
  onScenarioStart?(info: { file: string; name: string }): void;
  onStepStart?(info: StepStart): void;
}

/** Where a file runs: the main thread, or a worker thread. */
interface Lane {
  start(job: FileJob): void;
  /** The scenario in progress stops after its step; the rest of its file does not start. */
  stop(reason: string): void;
  /** Resolves once the lane runs nothing more. */
  close(): Promise<void>;
}

interface LaneEvents {
  start(info: { file: string; name: string }): void;
  step(info: StepStart): void;
  result(index: number, result: ScenarioResult): void;
  done(): void;
  error(error: unknown): void;
}

const BOOT = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const ENTRY = fileURLToPath(new URL('./scenarioWorker.ts', import.meta.url));

/** Resolves once every file ran (or the run was stopped) and every lane has stopped; rejects on a lane's error. */
export function runInWorkers(options: WorkerPoolOptions): Promise<void> {
  const { signal } = options;
  const queue = [...options.jobs];
  const lanes: Lane[] = [];
  let busy = 0;
  let settled = false;
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const lane of lanes) lane.stop(String(signal?.reason ?? 'the run ending'));
      void Promise.all(lanes.map((lane) => lane.close())).then(() => (error === undefined ? resolve() : reject(error)), reject);
    };
    const feed = (lane: Lane): void => {
      const job = signal?.aborted === true ? undefined : queue.shift();
      if (job === undefined) {
        if (busy === 0) finish();
        return;
      }
      busy++;
      lane.start(job);
    };
    const onAbort = (): void => {
      for (const lane of lanes) lane.stop(String(signal?.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const count = Math.max(1, Math.min(options.workers, queue.length));
    for (let i = 0; i < count; i++) {
      const events: LaneEvents = {
        start(info) {
          if (!settled) options.onScenarioStart?.(info);
        },
        step(info) {
          if (!settled) options.onStepStart?.(info);
        },
        result(index, result) {
          if (!settled && !options.onResult(index, result)) finish();
        },
        done() {
          if (settled) return;
          busy--;
          feed(lane);
        },
        error: (error) => finish(error),
      };
      const lane = i === 0 ? mainThreadLane(options, events) : workerThreadLane(options.settings, events);
      lanes.push(lane);
    }
    for (const lane of lanes) feed(lane);
  });
}

function mainThreadLane(options: WorkerPoolOptions, events: LaneEvents): Lane {
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();
  return {
    start(job) {
      running = runFileJob(job, { settings: options.settings, catalogue: options.catalogue, transport: options.transport, signal: stopping.signal, onResult: events.result, onScenarioStart: events.start, onStepStart: events.step }).then(events.done, events.error);
    },
    stop(reason) {
      if (!stopping.signal.aborted) stopping.abort(reason);
    },
    close: () => running,
  };
}

function workerThreadLane(settings: WorkerSettings, events: LaneEvents): Lane {
  const worker = new Worker(BOOT, { argv: [ENTRY], workerData: settings });
  let closing = false;
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'start') events.start(message.info);
    else if (message.type === 'step') {
      const { elapsedMs, ...info } = message.info;
      events.step({ ...info, elapsed: () => elapsedMs });
    } else if (message.type === 'result') events.result(message.index, message.result);
    else if (message.type === 'done') events.done();
    else events.error(fromWire(message.error));
  });
  worker.on('error', (error) => events.error(error));
  worker.on('exit', (code) => {
    if (!closing) events.error(new Error(`a scenario worker exited (code ${code}) before its files ran`));
  });
  return {
    start: (job) => worker.postMessage({ type: 'run', job } satisfies ToWorker),
    stop: (reason) => worker.postMessage({ type: 'stop', reason } satisfies ToWorker),
    // A thread's results are no longer wanted once the run closes: end it at once, mid-step or not.
    close: async () => {
      closing = true;
      await worker.terminate();
    },
  };
}

/** An error as a worker posts it (errors lose their class on the way). */
export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, returnCode } = error as { code?: unknown; returnCode?: unknown };
  return { name: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' ? { code } : {}), ...(typeof returnCode === 'number' ? { returnCode } : {}) };
}

/** The error again on this side, a broker's refusal as the MqttConnectError the CLI reports in one line. */
function fromWire(wire: WireError): Error {
  if (wire.name === 'MqttConnectError' && wire.code !== undefined) return new MqttConnectError(wire.code as MqttConnectErrorCode, wire.message, wire.returnCode);
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
