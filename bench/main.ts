/**
 * `npm run bench [-- <file|dir>…]`: runs the 1,000-gateway scenario once per transport —
 * in-memory wires, MQTT through the embedded broker in process, MQTT over loopback TCP — each
 * in a fresh child process, and prints what each cost. Then the fleet view's bench
 * (bench/fleetView.ts): 10,000 gateways painted and repainted in headless Chromium, skipped
 * with a line saying why where there is no Chromium. Last, `fleetrig run scenarios/ --workers 2`
 * against one worker (bench/workers.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { formatDuration } from '../emulator/clock/duration.ts';
import type { TransportMode } from '../harness/transport/chooseTransport.ts';
import type { FleetViewFigures } from './fleetView.ts';
import type { BenchFigures } from './runOne.ts';
import { benchWorkers } from './workers.ts';

const DEFAULT_SCENARIOS = ['scenarios/fleet/gateways-1000.yaml'];
const MODES: readonly TransportMode[] = ['memory', 'stream', 'tcp'];
const LABELS: Record<TransportMode, string> = {
  memory: 'memory (no broker)',
  stream: 'MQTT in-process streams',
  tcp: 'MQTT over loopback TCP',
};

/** Runs one bench script in a fresh process and parses the JSON line it prints last. */
function child<T>(name: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bin/run-ts.js', ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (error !== null || !line.startsWith('{')) {
        reject(new Error(`bench: ${name} run failed (${error?.message ?? 'no figures printed'})\n${stderr}`));
        return;
      }
      resolve(JSON.parse(line) as T);
    });
  });
}

function measure(mode: TransportMode, paths: readonly string[]): Promise<BenchFigures> {
  return child(mode, ['bench/runOne.ts', mode, ...paths]);
}

function table(header: readonly string[], cells: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main(): Promise<number> {
  const given = process.argv.slice(2);
  const paths = given.length > 0 ? given : DEFAULT_SCENARIOS.filter((p) => existsSync(p)).slice(0, 1);
  if (paths.length === 0) {
    process.stderr.write(`bench: none of ${DEFAULT_SCENARIOS.join(', ')} exists; name a scenario file\n`);
    return 2;
  }
  process.stdout.write(`bench: ${paths.join(' ')}, one fresh process per transport\n\n`);
  const rows: BenchFigures[] = [];
  // One at a time: on a 2-core machine, parallel runs would measure each other.
  for (const mode of MODES) rows.push(await measure(mode, paths));
  const header = ['transport', 'passed', 'devices', 'wall (s)', 'peak RSS (MiB)', 'virtual time'];
  process.stdout.write(`${table(header, rows.map((r) => [
    LABELS[r.transport], `${r.passed}/${r.scenarios}`, String(r.devices), (r.wallMs / 1000).toFixed(1), String(r.peakRssMiB), formatDuration(r.virtualMs),
  ]))}\n`);
  for (const row of rows) if (row.failure !== undefined) process.stdout.write(`\n${row.transport} failed: ${row.failure}\n`);
  const fleetViewOk = await fleetView();
  const workersOk = await workers();
  return rows.every((r) => r.passed === r.scenarios) && fleetViewOk && workersOk ? 0 : 1;
}

/** The fleet view's figures; a missing Chromium skips it with a line, and fails nothing. */
async function fleetView(): Promise<boolean> {
  process.stdout.write('\nfleet view: bench/gateways-10000.yaml served in process, / in headless Chromium, every tile changed once\n\n');
  const f = await child<FleetViewFigures>('fleet view', ['bench/fleetView.ts']).catch((error: Error) => error);
  if (f instanceof Error) {
    process.stdout.write(`${f.message}\n`);
    return false;
  }
  if (f.skipped !== undefined) {
    process.stdout.write(`fleet view skipped: ${f.skipped}\n`);
    return true;
  }
  const ms = (n: number): string => n.toFixed(0);
  const header = ['devices', 'snapshot (KiB)', 'first paint (ms)', 'changes', 'paints', 'repaint median (ms)', 'repaint p95 (ms)', 'busy (ms)', 'fps'];
  process.stdout.write(`${table(header, [[
    f.devices.toLocaleString('en'), (f.snapshotBytes / 1024).toFixed(0), ms(f.firstPaintMs), String(f.changes), String(f.paints),
    ms(f.repaintMedianMs), ms(f.repaintP95Ms), ms(f.busyMs), f.fps.toFixed(0),
  ]])}\n`);
  return f.changes >= f.devices;
}

/** Wall time of the bundled scenarios on one worker and on two; the traces must be the same. */
async function workers(): Promise<boolean> {
  process.stdout.write('\nworkers: fleetrig run scenarios/ --seed 1000, one fresh process per run, one run at a time\n\n');
  const rows = await benchWorkers(['scenarios/'], [2]).catch((error: Error) => error);
  if (rows instanceof Error) {
    process.stdout.write(`${rows.message}\n`);
    return false;
  }
  const base = rows[0]!;
  const header = ['workers', 'wall (s)', 'speed-up', 'same trace', 'summary'];
  process.stdout.write(`${table(header, rows.map((r) => [
    String(r.workers), (r.wallMs / 1000).toFixed(1), `${(base.wallMs / r.wallMs).toFixed(2)}×`, r.trace === base.trace ? 'yes' : 'NO', r.summary,
  ]))}\n`);
  return rows.every((r) => r.trace === base.trace);
}

process.exitCode = await main();
