/**
 * A worker thread of `fleetrig run --workers N` (workerPool.ts starts it): runs the scenario
 * files it is handed, one at a time, and posts each scenario's result as it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScenarioResult, StepStart } from '../report/RunResult.ts';
import { createCatalogue } from '../catalogue.ts';
import { transportFor } from '../transport/chooseTransport.ts';
import { runFileJob } from './runFileJob.ts';
import { toWire, type FromWorker, type ToWorker, type WorkerSettings } from './workerPool.ts';

const port = parentPort!;
const settings = workerData as WorkerSettings;
const catalogue = createCatalogue();
const transport = transportFor(settings.transport);
// The main thread hears the signal and forwards it: a worker thread gets none of its own.
const stopping = new AbortController();

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    stopping.abort(message.reason);
    return;
  }
  const onResult = (index: number, result: ScenarioResult): void => port.postMessage({ type: 'result', index, result } satisfies FromWorker);
  const onScenarioStart = (info: { file: string; name: string }): void => port.postMessage({ type: 'start', info } satisfies FromWorker);
  // A function does not cross threads: the virtual time the step starts at goes instead.
  const onStepStart = ({ elapsed, ...info }: StepStart): void => port.postMessage({ type: 'step', info: { ...info, elapsedMs: elapsed() } } satisfies FromWorker);
  runFileJob(message.job, { settings, catalogue, transport, signal: stopping.signal, onResult, onScenarioStart, onStepStart }).then(
    () => port.postMessage({ type: 'done' } satisfies FromWorker),
    (error: unknown) => port.postMessage({ type: 'error', error: toWire(error) } satisfies FromWorker),
  );
});
