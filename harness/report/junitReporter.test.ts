import { describe, it, expect } from 'vitest';
import { failureBody, junitReporter, renderJunit, type JunitHost } from './junitReporter.ts';
import { parseXml, type XmlElement } from './parseXml.fixture.ts';
import type { RunResult } from './RunResult.ts';
import { failedScenario, passedScenario, sampleRun } from './sampleRun.fixture.ts';

const HOST: JunitHost = { hostname: 'ci-runner-7', startedAt: Date.UTC(2026, 11, 1, 16, 30, 5, 250) };
const child = (el: XmlElement | undefined, name: string): XmlElement[] => el?.children.filter((c) => c.name === name) ?? [];

describe('renderJunit', () => {
  const root = parseXml(renderJunit(sampleRun, HOST));
  const suites = child(root, 'testsuite');

  it('writes a testsuites root without attributes, as Ant\'s schema requires: the totals are on the suites', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toEqual({});
    const total = (name: string) => suites.reduce((n, s) => n + Number(s.attrs[name]), 0);
    expect([total('tests'), total('failures'), total('errors')]).toEqual([3, 1, 0]);
  });

  it('gives every suite the package, id, timestamp and hostname Ant requires, and system-out and system-err after its cases', () => {
    expect(suites.map((s) => s.attrs)).toMatchObject([
      { package: 'scenarios', id: '0', timestamp: '2026-12-01T16:30:05', hostname: 'ci-runner-7', errors: '0' },
      { package: 'scenarios', id: '1', timestamp: '2026-12-01T16:30:05', hostname: 'ci-runner-7', errors: '0' },
    ]);
    for (const suite of suites) expect(suite.children.map((c) => c.name).slice(-2)).toEqual(['system-out', 'system-err']);
  });

  it('writes a scenario a signal cut short as an error with the reason, since Ant has no skipped', () => {
    const cut: RunResult = {
      ...sampleRun,
      files: [{ file: 'a.yaml', scenarios: [{ ...passedScenario, status: 'interrupted', failure: { message: 'interrupted by SIGINT before step 2 of 5' } }] }],
      passed: 0,
      failed: 0,
      interrupted: { scenarios: 1, signal: 'SIGINT' },
    };
    const suite = child(parseXml(renderJunit(cut, HOST)), 'testsuite')[0];
    expect(suite?.attrs).toMatchObject({ tests: '1', failures: '0', errors: '1' });
    expect(suite?.attrs).not.toHaveProperty('skipped');
    const [error] = child(child(suite, 'testcase')[0], 'error');
    expect(error?.attrs).toEqual({ message: 'interrupted by SIGINT before step 2 of 5', type: 'Interrupted' });
  });

  it('writes one testsuite per file and one testcase per scenario', () => {
    expect(suites.map((s) => s.attrs.name)).toEqual(['scenarios/gw-test-mode.yaml', 'scenarios/gw-move.yaml']);
    expect(suites[0]?.attrs).toMatchObject({ tests: '2', failures: '1', time: '0.060' });
    expect(suites[1]?.attrs).toMatchObject({ tests: '1', failures: '0', time: '1.250' });
    const cases = child(suites[0], 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([passedScenario.name, failedScenario.name]);
    expect(cases[0]?.attrs).toMatchObject({ classname: 'scenarios/gw-test-mode.yaml', time: '0.018' });
    expect(child(cases[0], 'failure')).toEqual([]);
  });

  it('records the seed as a property of every suite', () => {
    for (const suite of suites) {
      const props = child(child(suite, 'properties')[0], 'property');
      expect(props.map((p) => p.attrs)).toEqual([{ name: 'seed', value: '42' }]);
    }
  });

  it('writes a failure with its message, escaped, and the detail and trace as its text', () => {
    const [failure] = child(child(suites[0], 'testcase')[1], 'failure');
    expect(failure?.attrs.type).toBe('ExpectationFailed');
    expect(failure?.attrs.message).toBe('expected gw-001 state to be running, was booting <&> "quoted" \\u001b[31m\\u0000');
    expect(failure?.text).toBe(failureBody(failedScenario));
    expect(failure?.text).toContain('at scenarios/gw-test-mode.yaml:14 › steps[4].expect (expect)');
    expect(failure?.text).toContain('state history of gw-001:');
    expect(failure?.text).toContain('trace:\n  +0s  -       step   steps[0] power on gw-001');
    expect(failure?.text).toContain('+8h  gw-001  state  running → booting (TEST_MODE_EXPIRED)');
  });

  it('keeps the output well-formed whatever the names and messages hold', () => {
    const nasty = 'a<b>&"\'\n\tc\u0000\u0008\u000b\u001b\ud800\uffff]]>𝄞';
    const run: RunResult = {
      ...sampleRun,
      files: [{ file: nasty, scenarios: [{ ...failedScenario, file: nasty, name: nasty, failure: { message: nasty, actual: nasty }, trace: [{ t: 0, kind: 'log', text: nasty }] }] }],
      passed: 0,
      failed: 1,
    };
    const parsed = parseXml(renderJunit(run, HOST));
    const testcase = child(child(parsed, 'testsuite')[0], 'testcase')[0];
    expect(testcase?.attrs.name).toBe('a<b>&"\'\n\tc\\u0000\\u0008\\u000b\\u001b\ufffd\ufffd]]>𝄞');
    expect(child(testcase, 'failure')[0]?.text).toContain('\\u001b');
  });

  it('writes a failure even when the runner gave no detail', () => {
    const run: RunResult = { ...sampleRun, files: [{ file: 'a.yaml', scenarios: [{ ...failedScenario, failure: undefined, trace: [] }] }] };
    const failure = child(child(child(parseXml(renderJunit(run, HOST)), 'testsuite')[0], 'testcase')[0], 'failure')[0];
    expect(failure?.attrs.message).toBe('scenario failed');
  });
});

describe('junitReporter', () => {
  it('writes the XML to its file when the run ends', async () => {
    const written: Array<[string, string]> = [];
    const reporter = junitReporter({ outputFile: 'reports/junit.xml', host: HOST, writeFile: async (path, text) => void written.push([path, text]) });
    reporter.onRunStart?.({ seed: sampleRun.seed, files: [] });
    await reporter.onRunEnd?.(sampleRun);
    expect(written).toEqual([['reports/junit.xml', renderJunit(sampleRun, HOST)]]);
  });
});
