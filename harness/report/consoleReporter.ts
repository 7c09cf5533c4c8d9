/**
 * The console: a line per scenario as it ends, then every failure in detail, then a summary
 * with the seed, so a failing run can be repeated exactly.
 */
import { formatDuration } from '../../emulator/clock/duration.ts';
import type { Reporter, RunResult, ScenarioResult } from './RunResult.ts';
import type { TextSink } from './TextSink.ts';
import { formatFailure } from './formatFailure.ts';
import { createPaint, type Paint } from './paint.ts';
import { showControls } from './showControls.ts';

export interface ConsoleReporterOptions {
  out: TextSink;
  /** ANSI colours; the CLI turns them on only for a terminal without NO_COLOR. Default off. */
  color?: boolean;
  /** True when the user passed --seed; otherwise the console says how to rerun with this seed. */
  seedGiven?: boolean;
}

export function consoleReporter(options: ConsoleReporterOptions): Reporter {
  const paint = createPaint(options.color ?? false);
  const seedGiven = options.seedGiven ?? false;
  const line = (text = '') => options.out.write(`${text}\n`);
  return {
    onRunStart({ seed, files }) {
      const seedText = seedGiven ? `seed ${seed}` : `seed ${seed} — rerun with --seed ${seed}`;
      line(paint.dim(`fleetrig run · ${plural(files.length, 'file')} · ${seedText}`));
    },
    onScenarioEnd(result) {
      line(progressLine(result, paint));
    },
    onRunEnd(run) {
      const failed = run.files.flatMap((f) => f.scenarios).filter((s) => s.status === 'failed');
      if (failed.length > 0) line();
      for (const scenario of failed) {
        line(paint.red(paint.bold(showControls(`FAIL ${scenario.file} › ${scenario.name}`))));
        for (const detail of formatFailure(scenario)) line(`  ${detail}`);
        line();
      }
      if (run.interrupted !== undefined) {
        line(paint.yellow(`Interrupted by ${run.interrupted.signal}: ${plural(run.interrupted.scenarios, 'scenario')} cut short or not started; the reports hold what ran.`));
      }
      line(summaryLine(run, paint, { rerunHint: failed.length > 0 && !seedGiven }));
    },
  };
}

/** `✓ file › name (2 devices, 8h virtual, 120 ms)`. */
export function progressLine(result: ScenarioResult, paint: Paint = createPaint(false)): string {
  const mark = result.status === 'passed' ? paint.green('✓') : result.status === 'failed' ? paint.red('✗') : paint.yellow('◌');
  const facts = result.status === 'interrupted'
    ? `${result.failure?.message ?? 'interrupted'}${result.devices > 0 ? `, ${plural(result.devices, 'device')}, ${formatDuration(result.virtualMs)} virtual` : ''}`
    : `${plural(result.devices, 'device')}, ${formatDuration(result.virtualMs)} virtual, ${formatWallTime(result.wallMs)}`;
  return `${mark} ${showControls(`${result.file} › ${result.name}`)} ${paint.dim(`(${facts})`)}`;
}

/** `12 scenarios: 11 passed, 1 failed · seed 42 · 3.1 s`. */
export function summaryLine(run: RunResult, paint: Paint = createPaint(false), options: { rerunHint?: boolean } = {}): string {
  const interrupted = run.interrupted?.scenarios ?? 0;
  const total = run.passed + run.failed + interrupted;
  const passed = paint.green(`${run.passed} passed`);
  const failed = run.failed > 0 ? paint.red(`${run.failed} failed`) : `${run.failed} failed`;
  const notRun = run.notRun === undefined ? '' : `, ${run.notRun} not run (--bail)`;
  const cut = interrupted === 0 ? '' : `, ${paint.yellow(`${interrupted} interrupted`)}`;
  const parts = [`${plural(total + (run.notRun ?? 0), 'scenario')}: ${passed}, ${failed}${cut}${notRun}`, `seed ${run.seed}`, formatWallTime(run.wallMs)];
  if (options.rerunHint === true) parts.push(`rerun with --seed ${run.seed}`);
  return paint.bold(parts.join(' · '));
}

/** Wall time for people: `120 ms` below a second, `3.1 s` above. */
export function formatWallTime(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
