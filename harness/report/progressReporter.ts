/**
 * Where a long run is, while it runs, on standard error so the reports on standard output stay
 * clean. On a terminal: one line rewritten in place a few times a second — scenarios done, the
 * scenario and step running, its devices, the virtual time it has reached — and cleared before
 * each scenario's own line. Elsewhere (a CI log): a heartbeat line every few seconds while a
 * scenario runs longer than that, so a silent log never looks hung.
 */
import { formatDuration } from '../../emulator/clock/duration.ts';
import type { Clock, TimerId } from '../../emulator/clock/Clock.ts';
import type { Reporter, StepStart } from './RunResult.ts';
import type { TextSink } from './TextSink.ts';
import { showControls } from './showControls.ts';

export interface ProgressReporterOptions {
  out: TextSink;
  /** Wall time, for redraws and heartbeats (the run's virtual clocks are the scenarios'). */
  clock: Clock;
  /** Rewrite one line in place (a terminal), or print heartbeat lines. */
  live: boolean;
  /** Milliseconds between redraws (live) or heartbeats; 250 and 5000 by default. */
  everyMs?: number;
}

const CLEAR_LINE = '\r\u001b[2K';

export function progressReporter(options: ProgressReporterOptions): Reporter {
  const { out, clock, live } = options;
  const everyMs = options.everyMs ?? (live ? 250 : 5_000);
  let total = 0;
  let done = 0;
  let step: StepStart | undefined;
  let starting: string | undefined;
  let timer: TimerId | undefined;
  let shown = false;
  // Under --workers several scenarios run at once: the line follows the one that started last.
  let running = 0;

  const text = (): string => {
    if (step === undefined) return `${done}/${total} scenarios${starting === undefined ? '' : ` · ${showControls(starting)} · starting its fleet`}`;
    const where = `${showControls(step.file)} › step ${step.index + 1}/${step.steps} ${step.kind}`;
    return `${done}/${total} scenarios · ${where} · ${step.devices} device${step.devices === 1 ? '' : 's'} · virtual ${formatDuration(step.elapsed())}`;
  };
  const tick = (): void => {
    timer = clock.setTimeout(tick, everyMs);
    if (live) {
      out.write(`${CLEAR_LINE}${text()}`);
      shown = true;
    } else if (running > 0) {
      out.write(`fleetrig run: ${text()}\n`);
    }
  };
  const clear = (): void => {
    if (shown) out.write(CLEAR_LINE);
    shown = false;
  };
  const stop = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    clear();
  };

  return {
    onRunStart(info) {
      total = info.scenarios ?? 0;
    },
    onScenarioStart(info) {
      running++;
      step = undefined;
      starting = info.file;
      stop();
      timer = clock.setTimeout(tick, everyMs);
    },
    onStepStart(info) {
      step = info;
    },
    onScenarioEnd(result) {
      done++;
      running = Math.max(0, running - 1);
      if (running > 0) {
        // Others still run: clear the line for the scenario's own, and keep the redraws going.
        if (step?.file === result.file && step.name === result.name) step = undefined;
        clear();
        return;
      }
      step = undefined;
      starting = undefined;
      stop();
    },
    onRunEnd() {
      stop();
    },
  };
}
