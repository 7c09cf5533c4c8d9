import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFiles } from '../../harness/runner/runFiles.ts';
import { renderJsonTrace } from '../../harness/report/jsonReporter.ts';
import { renderJunit } from '../../harness/report/junitReporter.ts';
import { main } from '../../harness/cli/cli.ts';
import { unwrap } from '../../protocol/result.ts';

/**
 * The bundled scenarios, run in-process the way `npm start` runs them (the 1,000-gateway fleet
 * is left to `npm start` and `npm run bench`: it takes seconds, not milliseconds).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const scenarioDirs = readdirSync(join(ROOT, 'scenarios'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'fleet')
  .map((e) => join(ROOT, 'scenarios', e.name));

function sink() {
  let text = '';
  return { write: (s: string) => void (text += s), text: () => text };
}

describe('bundled scenarios', () => {
  it('all pass in process', async () => {
    const run = unwrap(await runFiles({ paths: scenarioDirs, seed: 11, reporters: [] }));
    const failures = run.files.flatMap((f) => f.scenarios).filter((s) => s.status !== 'passed');
    expect(failures.map((s) => `${s.file} › ${s.name}: ${s.failure?.message}`)).toEqual([]);
    expect(run.passed).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it('give a byte-identical JSON trace for the same seed, and a different one for another seed', async () => {
    const trace = async (seed: number) => renderJsonTrace(unwrap(await runFiles({ paths: scenarioDirs, seed, reporters: [] })));
    const [a, b, c] = [await trace(5), await trace(5), await trace(6)];
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  }, 60_000);

  it('report as JUnit XML: one testsuite per file, one testcase per scenario', async () => {
    const run = unwrap(await runFiles({ paths: [join(ROOT, 'scenarios', 'gateway')], seed: 1, reporters: [] }));
    const xml = renderJunit(run, { hostname: 'ci', startedAt: 0 });
    const files = run.files.length;
    const scenarios = run.files.reduce((n, f) => n + f.scenarios.length, 0);
    expect(xml.match(/<testsuite\s/g)).toHaveLength(files);
    expect(xml.match(/<testcase\s/g)).toHaveLength(scenarios);
    expect(xml).toContain('classname="');
  }, 60_000);
});

describe('fleetrig run on a broken scenario', () => {
  it('exits 2 naming the file, the line and the misspelt field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-'));
    const good = readFileSync(join(ROOT, 'scenarios', 'gateway', 'test-mode.yaml'), 'utf8');
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, good.replace('within: 2m }', 'withn: 2m }'));
    const [out, err] = [sink(), sink()];
    const code = await main(['run', file], { stdout: out, stderr: err, env: {} });
    expect(code).toBe(2);
    expect(err.text()).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: steps\\[\\d+\\]\\.wait\\.withn: unknown field 'withn' \\(did you mean 'within'\\?\\)`));
  });

  it('exits 2 on a check value no device can have, naming the values it could have', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-'));
    const good = readFileSync(join(ROOT, 'scenarios', 'gateway', 'test-mode.yaml'), 'utf8');
    const file = join(dir, 'runing.yaml');
    writeFileSync(file, good.replace('state: running', 'state: runing'));
    const [out, err] = [sink(), sink()];
    expect(await main(['validate', file], { stdout: out, stderr: err, env: {} })).toBe(2);
    expect(err.text()).toMatch(/runing\.yaml:\d+:\d+: steps\[\d+\]\.expect\.state: "runing" is not one of "off", "booting", "running" \(did you mean "running"\?\)/);
  });

  it('exits 1 when an expectation fails, showing the expectation, the device and its history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-'));
    const good = readFileSync(join(ROOT, 'scenarios', 'gateway', 'test-license.yaml'), 'utf8');
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, good.replace('advance: 5d', 'advance: 1h'));
    const [out, err] = [sink(), sink()];
    const code = await main(['run', file, '--seed', '1'], { stdout: out, stderr: err, env: {} });
    expect(code).toBe(1);
    const text = out.text() + err.text();
    expect(text).toContain('expected testLicense to be "expired", found "active"');
    expect(text).toContain('gw-001');
    expect(text).toMatch(/booting/);
  });
});
