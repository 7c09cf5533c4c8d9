/**
 * GitHub Actions annotations: each failed scenario as an `::error` workflow command on its
 * file and line, each interrupted one as a `::warning`, so the pull request shows the failure
 * on the YAML line that failed. Written when the run ends, beside whatever else reports it.
 */
import type { Reporter, ScenarioResult } from './RunResult.ts';
import type { TextSink } from './TextSink.ts';

export interface GithubReporterOptions {
  out: TextSink;
}

export function githubReporter(options: GithubReporterOptions): Reporter {
  return {
    onRunEnd(run) {
      for (const scenario of run.files.flatMap((f) => f.scenarios)) {
        if (scenario.status !== 'passed') options.out.write(`${annotation(scenario)}\n`);
      }
    },
  };
}

/** `::error file=…,line=…,title=…::message`, escaped as the workflow-command syntax asks. */
export function annotation(scenario: ScenarioResult): string {
  const kind = scenario.status === 'failed' ? 'error' : 'warning';
  const properties = [`file=${property(scenario.file)}`];
  const line = scenario.failure?.line;
  if (line !== undefined) properties.push(`line=${line}`);
  properties.push(`title=${property(scenario.name)}`);
  const detail = scenario.failure?.device === undefined ? '' : ` (${scenario.failure.device})`;
  return `::${kind} ${properties.join(',')}::${data(`${scenario.failure?.message ?? scenario.status}${detail}`)}`;
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts: escapeData, escapeProperty.
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
