/**
 * JUnit XML for CI servers: one testsuite per scenario file, one testcase per scenario, and for
 * a failure its detail and the whole trace as the readable rendering the console uses.
 */
import type { FileResult, Reporter, RunResult, ScenarioResult } from './RunResult.ts';
import { formatFailure } from './formatFailure.ts';
import { formatTrace } from './formatTrace.ts';
import { writeReportFile, type WriteReportFile } from './writeReportFile.ts';
import { xmlAttr, xmlText } from './xmlEscape.ts';

export interface JunitReporterOptions {
  outputFile: string;
  /** Injected in tests; writes the file (creating its folder) by default. */
  writeFile?: WriteReportFile;
}

export function junitReporter(options: JunitReporterOptions): Reporter {
  const write = options.writeFile ?? writeReportFile;
  return {
    async onRunEnd(run) {
      await write(options.outputFile, renderJunit(run));
    },
  };
}

export function renderJunit(run: RunResult): string {
  const tests = run.passed + run.failed + (run.interrupted?.scenarios ?? 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="fleetrig" tests="${tests}" failures="${run.failed}" errors="0" time="${seconds(run.wallMs)}">`,
    ...run.files.flatMap((file) => renderSuite(file, run.seed)),
    '</testsuites>',
  ];
  return lines.join('\n') + '\n';
}

function renderSuite(file: FileResult, seed: number): string[] {
  const failures = file.scenarios.filter((s) => s.status === 'failed').length;
  const skipped = file.scenarios.filter((s) => s.status === 'interrupted').length;
  const wallMs = file.scenarios.reduce((sum, s) => sum + s.wallMs, 0);
  return [
    `  <testsuite name="${xmlAttr(file.file)}" tests="${file.scenarios.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(wallMs)}">`,
    '    <properties>',
    `      <property name="seed" value="${seed}"/>`,
    '    </properties>',
    ...file.scenarios.flatMap(renderCase),
    '  </testsuite>',
  ];
}

function renderCase(scenario: ScenarioResult): string[] {
  const open = `    <testcase classname="${xmlAttr(scenario.file)}" name="${xmlAttr(scenario.name)}" time="${seconds(scenario.wallMs)}"`;
  if (scenario.status === 'passed') return [`${open}/>`];
  // Interrupted: not a failure of the scenario, so CI shows it skipped, saying why and where.
  if (scenario.status === 'interrupted') return [`${open}>`, `      <skipped message="${xmlAttr(scenario.failure?.message ?? 'interrupted')}"/>`, '    </testcase>'];
  const message = xmlAttr(scenario.failure?.message ?? 'scenario failed');
  return [
    `${open}>`,
    `      <failure message="${message}" type="ExpectationFailed">${xmlText(failureBody(scenario))}</failure>`,
    '    </testcase>',
  ];
}

/** The failure detail, then the trace: what a person reads in the CI server's test view. */
export function failureBody(scenario: ScenarioResult): string {
  const lines = [...formatFailure(scenario)];
  if (scenario.trace.length > 0) lines.push('', 'trace:', ...formatTrace(scenario.trace).map((l) => `  ${l}`));
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1_000).toFixed(3);
}
