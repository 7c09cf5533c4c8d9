/** Reporters by name, Vitest-style: the CLI picks them from its flags; later commands add theirs here. */
import type { Reporter } from './RunResult.ts';
import { blobReporter } from './blobReporter.ts';
import { consoleReporter } from './consoleReporter.ts';
import { dotReporter } from './dotReporter.ts';
import { githubReporter } from './githubReporter.ts';
import { htmlReporter } from './htmlReporter.ts';
import { jsonReporter } from './jsonReporter.ts';
import { junitReporter } from './junitReporter.ts';

export const reporters = {
  console: consoleReporter,
  dot: dotReporter,
  github: githubReporter,
  junit: junitReporter,
  json: jsonReporter,
  html: htmlReporter,
  blob: blobReporter,
} satisfies Record<string, (options: never) => Reporter>;

export type ReporterName = keyof typeof reporters;
export type ReporterOptions<N extends ReporterName> = Parameters<(typeof reporters)[N]>[0];

export function createReporter<N extends ReporterName>(name: N, options: ReporterOptions<N>): Reporter {
  const factory = reporters[name] as (options: ReporterOptions<N>) => Reporter;
  return factory(options);
}

/** The reporters that write a file and need its path (`--output-file`); the others write to standard output. */
export const FILE_REPORTERS = ['junit', 'json', 'html', 'blob'] as const satisfies readonly ReporterName[];
