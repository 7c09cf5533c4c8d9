/**
 * One bench measurement in a fresh process, so peak RSS belongs to one transport alone:
 * `node bin/run-ts.js bench/runOne.ts <memory|stream|tcp> <file|dir>…`. Runs every scenario
 * found and prints one JSON line (BenchFigures) on stdout.
 */
import { wallNow } from '../emulator/clock/wallClock.ts';
import { createCatalogue } from '../harness/catalogue.ts';
import { runScenario } from '../harness/runner/runScenario.ts';
import { loadFiles } from '../harness/scenario/validateFiles.ts';
import { transportFor, type TransportMode } from '../harness/transport/chooseTransport.ts';

export interface BenchFigures {
  readonly transport: TransportMode;
  readonly scenarios: number;
  readonly passed: number;
  readonly devices: number;
  readonly wallMs: number;
  readonly virtualMs: number;
  readonly peakRssMiB: number;
  /** The first failure, if any: a bench that fails measures nothing useful. */
  readonly failure?: string;
}

/** Same seed for every transport, so each runs the same fleet and the same draws. */
const BENCH_SEED = 1000;
const MODES: readonly TransportMode[] = ['memory', 'stream', 'tcp'];

async function main(): Promise<number> {
  const [mode, ...paths] = process.argv.slice(2);
  if (!MODES.includes(mode as TransportMode) || paths.length === 0) {
    process.stderr.write(`usage: runOne.ts <${MODES.join('|')}> <file|dir>…\n`);
    return 2;
  }
  const started = wallNow();
  const catalogue = createCatalogue();
  const loaded = await loadFiles(paths, catalogue);
  if (loaded.errors.length > 0 || loaded.scenarios.length === 0) {
    const reasons = loaded.errors.map((e) => `${e.file}: ${e.message}`);
    process.stderr.write(`bench: nothing to run in ${paths.join(' ')}\n${reasons.join('\n')}\n`);
    return 2;
  }
  let passed = 0;
  let devices = 0;
  let virtualMs = 0;
  let failure: string | undefined;
  for (const scenario of loaded.scenarios) {
    const result = await runScenario(scenario, {
      seed: scenario.seed ?? BENCH_SEED,
      realtime: false,
      catalogue,
      transport: transportFor({ mode: mode as TransportMode }),
    });
    devices += result.devices;
    virtualMs += result.virtualMs;
    if (result.status === 'passed') passed++;
    else failure ??= `${scenario.name}: ${result.failure?.message ?? 'failed'}`;
  }
  const figures: BenchFigures = {
    transport: mode as TransportMode,
    scenarios: loaded.scenarios.length,
    passed,
    devices,
    wallMs: Math.round(wallNow() - started),
    virtualMs,
    // resourceUsage() gives maxRSS in KiB.
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(failure === undefined ? {} : { failure }),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  return 0;
}

process.exitCode = await main();
