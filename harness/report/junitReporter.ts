/**
 * JUnit XML for CI servers: one testsuite per scenario file, one testcase per scenario, and for
 * a failure its detail and the whole trace as the readable rendering the console uses.
 *
 * One layout that both schemas CI servers check against accept: Jenkins' (optional attributes
 * everywhere) and Apache Ant's stricter JUnit.xsd, which forbids attributes on `testsuites`,
 * requires `package`, `id`, `timestamp` and `hostname` on each `testsuite` and a `system-out`
 * and `system-err` after its cases, and has no `skipped`. So the run's totals live on the
 * suites, and a scenario a signal cut short is an `error` (it never reached a verdict), not
 * a `skipped`.
 */
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { wallEpochMs } from '../../emulator/clock/index.ts';
import type { FileResult, Reporter, RunResult, ScenarioResult } from './RunResult.ts';
import { formatFailure } from './formatFailure.ts';
import { formatTrace } from './formatTrace.ts';
import { writeReportFile, type WriteReportFile } from './writeReportFile.ts';
import { xmlAttr, xmlText } from './xmlEscape.ts';

export interface JunitReporterOptions {
  outputFile: string;
  /** Injected in tests; writes the file (creating its folder) by default. */
  writeFile?: WriteReportFile;
  /** Injected in tests; the host's name and the wall clock by default. */
  host?: JunitHost;
}

/** Where and when the run happened: the two facts of a JUnit file that are not in the RunResult. */
export interface JunitHost {
  hostname: string;
  /** Wall-clock milliseconds since 1970 when the run started. */
  startedAt: number;
}

export function junitReporter(options: JunitReporterOptions): Reporter {
  const write = options.writeFile ?? writeReportFile;
  let host = options.host;
  return {
    onRunStart() {
      host ??= thisHost();
    },
    async onRunEnd(run) {
      await write(options.outputFile, renderJunit(run, host ?? thisHost()));
    },
  };
}

/** This machine, now. */
function thisHost(): JunitHost {
  return { hostname: hostname() || 'localhost', startedAt: wallEpochMs() };
}

export function renderJunit(run: RunResult, host: JunitHost): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    ...run.files.flatMap((file, id) => renderSuite(file, id, run.seed, host)),
    '</testsuites>',
  ];
  return lines.join('\n') + '\n';
}

function renderSuite(file: FileResult, id: number, seed: number, host: JunitHost): string[] {
  const failures = file.scenarios.filter((s) => s.status === 'failed').length;
  const errors = file.scenarios.filter((s) => s.status === 'interrupted').length;
  const wallMs = file.scenarios.reduce((sum, s) => sum + s.wallMs, 0);
  const attrs = [
    `name="${xmlAttr(file.file)}"`,
    `package="${xmlAttr(dirname(file.file))}"`,
    `id="${id}"`,
    `timestamp="${timestamp(host.startedAt)}"`,
    `hostname="${xmlAttr(host.hostname)}"`,
    `tests="${file.scenarios.length}"`,
    `failures="${failures}"`,
    `errors="${errors}"`,
    `time="${seconds(wallMs)}"`,
  ];
  return [
    `  <testsuite ${attrs.join(' ')}>`,
    '    <properties>',
    `      <property name="seed" value="${seed}"/>`,
    '    </properties>',
    ...file.scenarios.flatMap(renderCase),
    '    <system-out/>',
    '    <system-err/>',
    '  </testsuite>',
  ];
}

function renderCase(scenario: ScenarioResult): string[] {
  const open = `    <testcase classname="${xmlAttr(scenario.file)}" name="${xmlAttr(scenario.name)}" time="${seconds(scenario.wallMs)}"`;
  if (scenario.status === 'passed') return [`${open}/>`];
  // Interrupted: not a failure of the scenario but no verdict either, so an error saying why and where.
  if (scenario.status === 'interrupted') return [`${open}>`, `      <error message="${xmlAttr(scenario.failure?.message ?? 'interrupted')}" type="Interrupted"/>`, '    </testcase>'];
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

/** Ant's pattern: `2026-12-01T16:30:00`, no fraction and no zone; the time is UTC. */
function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

function seconds(ms: number): string {
  return (ms / 1_000).toFixed(3);
}
