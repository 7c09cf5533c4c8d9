/**
 * A worker thread of `fleetrig run --workers N` (workerPool.ts starts it): runs the scenario
 * files it is handed, one at a time, and posts each scenario's result as it ends.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createCatalogue } from '../catalogue.ts';
import { parseScenarios } from '../scenario/parseScenarios.ts';
import { transportFor } from '../transport/chooseTransport.ts';
import { notStarted } from './notStarted.ts';
import { runScenario } from './runScenario.ts';
import { toWire, type FileJob, type FromWorker, type ToWorker, type WorkerSettings } from './workerPool.ts';

const port = parentPort!;
const settings = workerData as WorkerSettings;
const catalogue = createCatalogue();
const transport = transportFor(settings.transport);
// The main thread hears the signal and forwards it: a worker thread gets none of its own.
const stopping = new AbortController();

async function runJob(job: FileJob): Promise<void> {
  const parsed = parseScenarios(await readFile(job.file, 'utf8'), job.file, catalogue);
  // The main thread loaded this file a moment ago; a file changed since is not the run it checked.
  if (parsed.errors.length > 0) throw new Error(`${job.file} changed while the run went: ${parsed.errors[0]!.message}`);
  const { signal } = stopping;
  for (const { at, index } of job.picks) {
    const scenario = parsed.scenarios[at]!;
    const result = signal.aborted
      ? notStarted(scenario, signal)
      : await runScenario(scenario, { seed: settings.seed ?? scenario.seed ?? settings.runSeed, realtime: settings.realtime, catalogue, transport, signal });
    port.postMessage({ type: 'result', index, result } satisfies FromWorker);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    stopping.abort(message.reason);
    return;
  }
  runJob(message.job).then(
    () => port.postMessage({ type: 'done' } satisfies FromWorker),
    (error: unknown) => port.postMessage({ type: 'error', error: toWire(error) } satisfies FromWorker),
  );
});
