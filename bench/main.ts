/**
 * `npm run bench [-- <file|dir>…]`: runs the 1,000-gateway scenario once per transport —
 * in-memory wires, MQTT through the embedded broker in process, MQTT over loopback TCP — each
 * in a fresh child process, and prints what each cost.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { formatDuration } from '../emulator/clock/duration.ts';
import type { TransportMode } from '../harness/transport/chooseTransport.ts';
import type { BenchFigures } from './runOne.ts';

const DEFAULT_SCENARIOS = ['scenarios/fleet/gateways-1000.yaml'];
const MODES: readonly TransportMode[] = ['memory', 'stream', 'tcp'];
const LABELS: Record<TransportMode, string> = {
  memory: 'memory (no broker)',
  stream: 'MQTT in-process streams',
  tcp: 'MQTT over loopback TCP',
};

function measure(mode: TransportMode, paths: readonly string[]): Promise<BenchFigures> {
  const args = ['bin/run-ts.js', 'bench/runOne.ts', mode, ...paths];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (error !== null || !line.startsWith('{')) {
        reject(new Error(`bench: ${mode} run failed (${error?.message ?? 'no figures printed'})\n${stderr}`));
        return;
      }
      resolve(JSON.parse(line) as BenchFigures);
    });
  });
}

function table(rows: readonly BenchFigures[]): string {
  const header = ['transport', 'passed', 'devices', 'wall (s)', 'peak RSS (MiB)', 'virtual time'];
  const cells = rows.map((r) => [
    LABELS[r.transport], `${r.passed}/${r.scenarios}`, String(r.devices), (r.wallMs / 1000).toFixed(1), String(r.peakRssMiB), formatDuration(r.virtualMs),
  ]);
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
  process.stdout.write(`${table(rows)}\n`);
  for (const row of rows) if (row.failure !== undefined) process.stdout.write(`\n${row.transport} failed: ${row.failure}\n`);
  return rows.every((r) => r.passed === r.scenarios) ? 0 : 1;
}

process.exitCode = await main();
