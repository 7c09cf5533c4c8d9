/**
 * `fleetrig run --workers N` against one worker: the bundled scenarios (what `npm start` runs),
 * each run in a fresh process, one at a time, timed on the wall clock from spawn to exit. Also
 * checks the two wrote the same JSON trace, which the speed-up must not cost.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallNow } from '../emulator/clock/wallClock.ts';

export interface WorkersFigures {
  readonly workers: number;
  readonly wallMs: number;
  readonly summary: string;
  readonly trace: string;
}

const SEED = 1000;

function timedRun(paths: readonly string[], workers: number, json: string): Promise<WorkersFigures> {
  const started = wallNow();
  return new Promise((resolve, reject) => {
    const args = ['bin/fleetrig.js', 'run', ...paths, '--seed', String(SEED), '--workers', String(workers), '--json', json];
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const wallMs = wallNow() - started;
      if (error !== null && error.code !== 1) {
        reject(new Error(`bench: fleetrig run --workers ${workers} failed (${error.message})\n${stderr}`));
        return;
      }
      readFile(json, 'utf8').then((trace) => resolve({ workers, wallMs, summary: stdout.trim().split('\n').pop() ?? '', trace }), reject);
    });
  });
}

/** Runs `paths` with one worker, then with each of `counts`; the first row is the baseline. */
export async function benchWorkers(paths: readonly string[], counts: readonly number[]): Promise<WorkersFigures[]> {
  const dir = await mkdtemp(join(tmpdir(), 'fleetrig-bench-workers-'));
  const rows: WorkersFigures[] = [];
  // One at a time: on a 2-core machine, runs side by side would measure each other.
  for (const workers of [1, ...counts]) rows.push(await timedRun(paths, workers, join(dir, `trace-${workers}.json`)));
  return rows;
}
