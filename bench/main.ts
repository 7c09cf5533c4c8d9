/**
 * `npm run bench [-- <file|dir>…]`: what the rig costs, each figure from a fresh child process
 * so peak RSS belongs to one run alone, one run at a time (on two cores, parallel runs would
 * measure each other):
 * - the gateway scenario at 1,000 and 10,000 gateways on each transport — in-memory wires, MQTT
 *   through the embedded broker on in-process streams, MQTT over loopback TCP: wall time, peak
 *   RSS and memory per device (or the named scenario files instead, on each transport);
 * - 1,000 SmartServers and 1,000 video products beside the 1,000 gateways, on the default transport;
 * - end-to-end activations per second beside raw mqtt.js QoS 1 round trips in the same process;
 * - the fleet view (bench/fleetView.ts): 10,000 gateways painted and repainted in headless
 *   Chromium, skipped with a line saying why where there is no Chromium;
 * - `fleetrig run scenarios/ --workers 2` against one worker (bench/workers.ts).
 * Targets are in docs/scale.md; nothing here fails on time.
 */
import { execFile } from 'node:child_process';
import { formatDuration } from '../emulator/clock/duration.ts';
import type { TransportMode } from '../harness/transport/chooseTransport.ts';
import { gatewaysScenario } from '../harness/runner/testing/gatewaysScenario.ts';
import type { FleetViewFigures } from './fleetView.ts';
import type { LicensingRate } from './licensingRate.ts';
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
  const fleets: Array<{ paths: string[]; gateways?: number }> = given.length > 0 ? [{ paths: given }] : [1000, 10_000].map((n) => ({ paths: [gatewaysScenario(n)], gateways: n }));
  process.stdout.write(`bench: ${given.length > 0 ? given.join(' ') : `${DEFAULT_SCENARIOS[0]} at 1,000 and 10,000 gateways`}, one fresh process per run\n\n`);
  const rows: BenchFigures[] = [];
  for (const fleet of fleets) for (const mode of MODES) rows.push(await measure(mode, fleet.paths));
  process.stdout.write(`${fleetTable(rows.map((r) => [LABELS[r.transport], r]))}\n`);
  for (const row of rows) {
    if (row.failure === undefined) continue;
    process.stdout.write(`\n${row.transport} ${hostLimited(row) ? 'stopped by the host' : 'failed'}: ${row.failure}\n`);
  }
  const familiesOk = given.length > 0 || (await families(rows.find((r) => r.transport === 'stream' && r.devices === 1000)));
  const rateOk = await licensingRate();
  const fleetViewOk = await fleetView();
  const workersOk = await workers();
  return rows.every((r) => r.passed === r.scenarios || hostLimited(r)) && familiesOk && rateOk && fleetViewOk && workersOk ? 0 : 1;
}

/** A fleet the host's descriptor limit stopped (tcp holds two per device): a figure of the host, not a failure of the rig. */
function hostLimited(row: BenchFigures): boolean {
  return row.failure?.includes('ran out of file descriptors') ?? false;
}

function fleetTable(rows: ReadonlyArray<readonly [string, BenchFigures]>): string {
  const header = ['run', 'passed', 'devices', 'wall (s)', 'peak RSS (MiB)', 'KiB per device', 'virtual time'];
  return table(header, rows.map(([label, r]) => [
    label, `${r.passed}/${r.scenarios}`, r.devices.toLocaleString('en'), (r.wallMs / 1000).toFixed(1), String(r.peakRssMiB),
    r.devices === 0 ? '-' : ((r.peakRssMiB * 1024) / r.devices).toFixed(0), formatDuration(r.virtualMs),
  ]));
}

/** A thousand of each family on the default transport, beside the thousand gateways. */
async function families(gateways: BenchFigures | undefined): Promise<boolean> {
  process.stdout.write('\nfamilies: 1,000 devices each, MQTT in-process streams\n\n');
  const smartservers = await measure('stream', ['bench/smartservers-1000.yaml']);
  const video = await measure('stream', ['bench/video-1000.yaml']);
  const named: Array<[string, BenchFigures]> = [...(gateways === undefined ? [] : [['gateways', gateways] as [string, BenchFigures]]), ['SmartServers', smartservers], ['video', video]];
  process.stdout.write(`${fleetTable(named)}\n`);
  for (const [name, r] of named) if (r.failure !== undefined) process.stdout.write(`\n${name} failed: ${r.failure}\n`);
  return named.every(([, r]) => r.passed === r.scenarios);
}

/** Licensing end to end against the raw MQTT round trips it rides on, measured in one process. */
async function licensingRate(): Promise<boolean> {
  process.stdout.write('\nlicensing rate: 1,000 gateways, MQTT in-process streams, one process\n\n');
  const r = await child<LicensingRate>('licensing rate', ['bench/licensingRate.ts', '1000']).catch((error: Error) => error);
  if (r instanceof Error) {
    process.stdout.write(`${r.message}\n`);
    return false;
  }
  const header = ['devices', 'raw QoS 1 round trips/s', 'activations/s', 'ratio'];
  process.stdout.write(`${table(header, [[r.devices.toLocaleString('en'), String(r.rawRoundTripsPerSec), String(r.activationsPerSec), `${((100 * r.activationsPerSec) / r.rawRoundTripsPerSec).toFixed(1)}%`]])}\n`);
  if (r.failure !== undefined) process.stdout.write(`\nthe activations failed: ${r.failure}\n`);
  return r.failure === undefined;
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
