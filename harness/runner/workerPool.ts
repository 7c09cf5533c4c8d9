/**
 * Runs scenario files on worker threads, one file at a time per worker, in file order as workers
 * come free. Each worker boots through bin/run-ts.js, as the `fleetrig` executable does, so it
 * loads the TypeScript sources the same way whatever started the main thread.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MqttConnectError, type MqttConnectErrorCode } from '../../broker/connect.ts';
import type { ScenarioResult } from '../report/RunResult.ts';
import type { TransportChoice } from '../transport/chooseTransport.ts';

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

export type FromWorker = { type: 'result'; index: number; result: ScenarioResult } | { type: 'done' } | { type: 'error'; error: WireError };

export interface WorkerPoolOptions {
  jobs: readonly FileJob[];
  workers: number;
  settings: WorkerSettings;
  /** Once aborted: no more files start, and each worker stops after its step in progress. */
  signal?: AbortSignal;
  /** Each scenario's result as it comes, in whatever order; return false to stop every worker at once (`--bail`). */
  onResult(index: number, result: ScenarioResult): boolean;
}

const BOOT = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const ENTRY = fileURLToPath(new URL('./scenarioWorker.ts', import.meta.url));

/** Resolves once every file ran (or the run was stopped) and every worker has exited; rejects on a worker's error. */
export function runInWorkers(options: WorkerPoolOptions): Promise<void> {
  const { signal } = options;
  const queue = [...options.jobs];
  const threads: Worker[] = [];
  let busy = 0;
  let settled = false;
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void Promise.all(threads.map((t) => t.terminate())).then(() => (error === undefined ? resolve() : reject(error)), reject);
    };
    const feed = (worker: Worker): void => {
      const job = signal?.aborted === true ? undefined : queue.shift();
      if (job === undefined) {
        if (busy === 0) finish();
        return;
      }
      busy++;
      worker.postMessage({ type: 'run', job } satisfies ToWorker);
    };
    const onAbort = (): void => {
      for (const t of threads) t.postMessage({ type: 'stop', reason: String(signal?.reason) } satisfies ToWorker);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const count = Math.max(1, Math.min(options.workers, queue.length));
    for (let i = 0; i < count; i++) {
      const worker = new Worker(BOOT, { argv: [ENTRY], workerData: options.settings });
      threads.push(worker);
      worker.on('message', (message: FromWorker) => {
        if (settled) return;
        if (message.type === 'result') {
          if (!options.onResult(message.index, message.result)) finish();
        } else if (message.type === 'done') {
          busy--;
          feed(worker);
        } else {
          finish(fromWire(message.error));
        }
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(settled ? undefined : new Error(`a scenario worker exited (code ${code}) before its files ran`)));
      feed(worker);
    }
  });
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
