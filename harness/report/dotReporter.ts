/**
 * The dot reporter, for long runs in a log: one character per scenario as it ends — `·` passed,
 * `x` failed, `◌` interrupted — then, like the console, every failure in detail and the summary.
 */
import type { Reporter } from './RunResult.ts';
import type { TextSink } from './TextSink.ts';
import { consoleReporter } from './consoleReporter.ts';
import { createPaint } from './paint.ts';

export interface DotReporterOptions {
  out: TextSink;
  color?: boolean;
  seedGiven?: boolean;
}

/** Dots in lines of this many, so a log viewer never gets one endless line. */
const PER_LINE = 60;

export function dotReporter(options: DotReporterOptions): Reporter {
  const paint = createPaint(options.color ?? false);
  // The console's header, failure details and summary; only the line per scenario differs.
  const { onRunStart, onRunEnd } = consoleReporter(options);
  let dots = 0;
  return {
    onRunStart,
    onScenarioEnd(result) {
      const mark = result.status === 'passed' ? paint.green('·') : result.status === 'failed' ? paint.red('x') : paint.yellow('◌');
      dots++;
      options.out.write(dots % PER_LINE === 0 ? `${mark}\n` : mark);
    },
    onRunEnd(run) {
      if (dots % PER_LINE !== 0) options.out.write('\n');
      return onRunEnd?.(run);
    },
  };
}
