/** Reporters by name, Vitest-style: the CLI picks them from its flags; later commands add theirs here. */
import type { Reporter } from './RunResult.ts';
import { consoleReporter } from './consoleReporter.ts';
import { jsonReporter } from './jsonReporter.ts';
import { junitReporter } from './junitReporter.ts';

export const reporters = {
  console: consoleReporter,
  junit: junitReporter,
  json: jsonReporter,
} satisfies Record<string, (options: never) => Reporter>;

export type ReporterName = keyof typeof reporters;
export type ReporterOptions<N extends ReporterName> = Parameters<(typeof reporters)[N]>[0];

export function createReporter<N extends ReporterName>(name: N, options: ReporterOptions<N>): Reporter {
  const factory = reporters[name] as (options: ReporterOptions<N>) => Reporter;
  return factory(options);
}
