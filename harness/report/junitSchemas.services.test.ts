import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/cli.ts';
import { fakeIo } from '../cli/fakeCli.fixture.ts';
import { renderJunit } from './junitReporter.ts';
import type { RunResult } from './RunResult.ts';
import { failedScenario, passedScenario, sampleRun } from './sampleRun.fixture.ts';
import { junitSchemas, xmllintValidate, type JunitSchemas } from './testing/junitSchemas.ts';

const repo = join(import.meta.dirname, '..', '..');

describe('the JUnit file, checked by xmllint against the Jenkins and the Ant schema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-junit-'));
  let schemas: JunitSchemas;

  beforeAll(async () => {
    schemas = await junitSchemas();
  }, 120_000);

  const expectValid = async (file: string): Promise<void> => {
    for (const [name, schema] of Object.entries(schemas)) {
      const verdict = await xmllintValidate(file, schema);
      expect(verdict.valid, `${name}: ${verdict.output}`).toBe(true);
    }
  };

  it('validates for a run of passing and failing scenarios written by fleetrig run --junit', async () => {
    const out = join(dir, 'run.xml');
    const paths = [join(repo, 'scenarios', 'gateway', 'test-mode.yaml'), join(repo, 'test', 'docExamples', 'cli-failure.yaml')];
    const io = fakeIo();
    expect(await main(['run', ...paths, '--junit', out], io.io)).toBe(1);
    await expectValid(out);
  }, 120_000);

  it('validates for a run a signal cut short, and whatever characters names and messages hold', async () => {
    const nasty = 'a<b>&"\'\n\tc\u0000\u001b\ud800]]>𝄞';
    const run: RunResult = {
      ...sampleRun,
      files: [
        ...sampleRun.files,
        { file: nasty, scenarios: [{ ...failedScenario, file: nasty, name: nasty, failure: { message: nasty } }, { ...passedScenario, file: nasty, status: 'interrupted', failure: { message: 'interrupted by SIGTERM before it started' } }] },
      ],
      interrupted: { scenarios: 1, signal: 'SIGTERM' },
    };
    const file = join(dir, 'cut.xml');
    writeFileSync(file, renderJunit(run, { hostname: 'ci-runner', startedAt: Date.UTC(2026, 11, 1) }));
    await expectValid(file);
  });

  it('is refused by the Ant schema in the layout it had before, so the check can fail', async () => {
    const file = join(dir, 'old.xml');
    writeFileSync(file, '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="fleetrig" tests="1"><testsuite name="a.yaml" tests="1"><testcase classname="a.yaml" name="x" time="0.1"/></testsuite></testsuites>\n');
    expect((await xmllintValidate(file, schemas.jenkins)).valid).toBe(true);
    expect((await xmllintValidate(file, schemas.ant)).valid).toBe(false);
  });
});
