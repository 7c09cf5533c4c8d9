import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseXml } from '../../report/parseXml.fixture.ts';
import { loadFailure } from '../../scenario/loadErrors.ts';
import type { CliDeps } from '../CommandContext.ts';
import { main } from '../cli.ts';
import { allPassed, fakeDeps, fakeIo } from '../fakeCli.fixture.ts';

describe('fleetrig run flags', () => {
  it.each([['abc'], ['-1'], ['1.5'], ['1e3'], [''], ['99999999999999999999']])('rejects --seed %j naming the flag and value', async (value) => {
    const t = fakeIo();
    expect(await main(['run', 'scenarios', '--seed', value], t.io, fakeDeps().deps)).toBe(2);
    expect(t.stderr()).toContain(`option '--seed <n>' argument '${value}' is invalid`);
    expect(t.stderr()).toContain('non-negative integer');
  });

  it.each([['http://127.0.0.1:1883'], ['127.0.0.1:1883'], ['mqtt://'], ['mqtt://host:1883/topic']])('rejects --broker %j', async (value) => {
    const t = fakeIo();
    expect(await main(['run', 'scenarios', '--broker', value], t.io, fakeDeps().deps)).toBe(2);
    expect(t.stderr()).toContain(`option '--broker <url>' argument '${value}' is invalid`);
  });

  it.each([['0'], ['-5'], ['1.5'], ['10s'], ['abc']])('rejects --io-timeout %j', async (value) => {
    const t = fakeIo();
    expect(await main(['run', 'scenarios', '--io-timeout', value], t.io, fakeDeps().deps)).toBe(2);
    expect(t.stderr()).toContain(`option '--io-timeout <ms>' argument '${value}' is invalid`);
  });

  it('hands the credential seed to the runner: --credentials-seed, else FLEETRIG_CREDENTIALS_SEED, else none (the run seed)', async () => {
    const { deps, calls } = fakeDeps(allPassed);
    await main(['run', 'a.yaml', '--credentials-seed', '9'], fakeIo({ env: { FLEETRIG_CREDENTIALS_SEED: '8' } }).io, deps);
    await main(['run', 'a.yaml'], fakeIo({ env: { FLEETRIG_CREDENTIALS_SEED: '8' } }).io, deps);
    await main(['run', 'a.yaml', '--seed', '3'], fakeIo().io, deps);
    expect(calls.map((c) => [c.seed, c.credentialSeed])).toEqual([[undefined, 9], [undefined, 8], [3, undefined]]);
  });

  it.each([['-1'], ['x'], ['1.5']])('rejects --credentials-seed %j and the same in FLEETRIG_CREDENTIALS_SEED, exit 2', async (value) => {
    const flag = fakeIo();
    expect(await main(['run', 'a.yaml', '--credentials-seed', value], flag.io, fakeDeps().deps)).toBe(2);
    expect(flag.stderr()).toContain(`option '--credentials-seed <n>' argument '${value}' is invalid`);
    const env = fakeIo({ env: { FLEETRIG_CREDENTIALS_SEED: value } });
    const { deps, calls } = fakeDeps();
    expect(await main(['run', 'a.yaml'], env.io, deps)).toBe(2);
    expect(env.stderr()).toBe(`fleetrig run: environment variable FLEETRIG_CREDENTIALS_SEED '${value}' is invalid. It must be a non-negative integer, e.g. --seed 42.\n`);
    expect(calls).toHaveLength(0);
  });

  it('hands --io-timeout to the runner in milliseconds, with the broker or over TCP', async () => {
    const { deps, calls } = fakeDeps(allPassed);
    await main(['run', 'a.yaml', '--transport', 'tcp', '--io-timeout', '30000'], fakeIo().io, deps);
    await main(['run', 'a.yaml', '--broker', 'mqtt://127.0.0.1:1883', '--io-timeout', '250'], fakeIo().io, deps);
    await main(['run', 'a.yaml'], fakeIo().io, deps);
    expect(calls.map((c) => [c.transport, c.brokerUrl, c.ioTimeoutMs])).toEqual([
      ['tcp', undefined, 30_000], ['stream', 'mqtt://127.0.0.1:1883', 250], ['stream', undefined, undefined],
    ]);
  });

  it('rejects unknown flags', async () => {
    const t = fakeIo();
    expect(await main(['run', 'scenarios', '--bogus'], t.io, fakeDeps().deps)).toBe(2);
    expect(t.stderr()).toContain("unknown option '--bogus'");
  });

  it('needs at least one path', async () => {
    const t = fakeIo();
    expect(await main(['run'], t.io, fakeDeps().deps)).toBe(2);
    expect(t.stderr()).toContain("missing required argument 'paths'");
  });

  it('hands the checked flags to the runner', async () => {
    const { deps, calls } = fakeDeps(allPassed);
    expect(await main(['run', 'a.yaml', 'dir', '--seed', '42', '--realtime', '--broker', 'mqtt://127.0.0.1:1883'], fakeIo().io, deps)).toBe(0);
    expect(calls[0]).toMatchObject({ paths: ['a.yaml', 'dir'], seed: 42, realtime: true, brokerUrl: 'mqtt://127.0.0.1:1883' });
    const plain = fakeDeps(allPassed);
    await main(['run', 'a.yaml'], fakeIo().io, plain.deps);
    expect(plain.calls[0]).toMatchObject({ seed: undefined, realtime: false, brokerUrl: undefined });
  });
});

describe('fleetrig run: choosing what runs', () => {
  it('prints the package version for --version and -v', async () => {
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const t = fakeIo();
      expect(await main([flag], t.io, fakeDeps().deps)).toBe(0);
      expect(t.stdout()).toBe(`${version}\n`);
    }
  });

  it('[GW-9] hands --grep / -t to the runner as a pattern, and --bail as a count (1 when bare)', async () => {
    const { deps, calls } = fakeDeps(allPassed);
    await main(['run', 'a.yaml', '--grep', 'GW-(9|5)', '--bail'], fakeIo().io, deps);
    await main(['run', 'a.yaml', '-t', 'test mode', '--bail', '3'], fakeIo().io, deps);
    expect(calls.map((c) => [c.grep?.source, c.bail])).toEqual([['GW-(9|5)', 1], ['test mode', 3]]);
  });

  it.each([[['--grep', '('], 'It is not a regular expression'], [['--grep', ''], 'It must be a pattern'], [['--bail', '0'], 'positive integer'], [['--bail', 'x'], 'positive integer']])('rejects %j naming the flag', async (flags, words) => {
    const t = fakeIo();
    expect(await main(['run', 'scenarios', ...flags], t.io, fakeDeps().deps)).toBe(2);
    expect(t.stderr()).toContain(`option '${flags[0] === '--grep' ? '-t, --grep <pattern>' : '--bail [n]'}' argument '${flags[1]}' is invalid. `);
    expect(t.stderr()).toContain(words);
  });

  it('[GW-9] lists the scenarios --grep selects, with their file, and runs none', async () => {
    const { deps, calls } = fakeDeps();
    const t = fakeIo();
    expect(await main(['run', 'scenarios', '--grep', 'GW-9', '--list'], t.io, deps)).toBe(0);
    expect(t.stdout()).toBe([
      'scenarios/gw-test-mode.yaml › [GW-9] test mode can be switched on again',
      'scenarios/gw-test-mode.yaml › [GW-9] test mode switches off after 8 hours',
      '2 scenarios in 1 file',
      '',
    ].join('\n'));
    expect(calls).toEqual([]);
    const none = fakeIo();
    expect(await main(['run', 'scenarios', '--grep', 'XX-1', '--list'], none.io, deps)).toBe(2);
    expect(none.stderr()).toBe('fleetrig: no scenario in scenarios matches --grep XX-1\n');
  });

  it('says in the summary how many scenarios --bail left unrun', async () => {
    const t = fakeIo();
    const bailed = { ...allPassed, passed: 0, failed: 1, notRun: 4 };
    bailed.files = [{ file: 'a.yaml', scenarios: [{ ...allPassed.files[0]!.scenarios[0]!, status: 'failed' as const }] }];
    expect(await main(['run', 'a.yaml', '--bail', '--seed', '7'], t.io, fakeDeps(bailed).deps)).toBe(1);
    expect(t.stdout()).toContain('5 scenarios: 0 passed, 1 failed, 4 not run (--bail) · seed 7');
  });
});

describe('fleetrig run', () => {
  it('exits 1 when a scenario failed, showing progress, the failure and the summary', async () => {
    const t = fakeIo();
    expect(await main(['run', 'scenarios', '--seed', '42'], t.io, fakeDeps().deps)).toBe(1);
    expect(t.stdout()).toContain('✗ scenarios/gw-test-mode.yaml › [GW-9] test mode switches off after 8 hours');
    expect(t.stdout()).toContain('state history of gw-001:');
    expect(t.stdout()).toContain('3 scenarios: 2 passed, 1 failed · seed 42 · 3.1 s');
    expect(t.stdout()).not.toContain('rerun with');
  });

  it('prints the seed it picked so the run can be repeated', async () => {
    const t = fakeIo();
    expect(await main(['run', 'a.yaml'], t.io, fakeDeps(allPassed).deps)).toBe(0);
    expect(t.stdout()).toContain('seed 7 — rerun with --seed 7');
  });

  it('colours as Node\'s util.styleText would: a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR decides alone', async () => {
    const run = async (options: { isTTY?: boolean; env?: Record<string, string> }) => {
      const t = fakeIo(options);
      await main(['run', 'a.yaml'], t.io, fakeDeps().deps);
      return t.stdout().includes('\u001b[');
    };
    expect(await run({ isTTY: true })).toBe(true);
    expect(await run({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(await run({ isTTY: true, env: { NO_COLOR: '' } })).toBe(false);
    expect(await run({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(await run({ isTTY: false })).toBe(false);
    // A CI log is a pipe: FORCE_COLOR=1 colours it; FORCE_COLOR=0 keeps even a terminal plain.
    expect(await run({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(await run({ isTTY: false, env: { FORCE_COLOR: '' } })).toBe(true);
    expect(await run({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(await run({ isTTY: true, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(true);
  });

  it('exits 2 and lists every scenario-file error when a file is invalid', async () => {
    const deps: CliDeps = {
      ...fakeDeps().deps,
      runFiles: async () => ({ ok: false, error: loadFailure('SCENARIO_INVALID', [{ file: 'a.yaml', line: 3, column: 5, path: 'steps[0].advance', message: 'not a duration: "8 hours"' }]) }),
    };
    const t = fakeIo();
    expect(await main(['run', 'a.yaml'], t.io, deps)).toBe(2);
    expect(t.stderr()).toBe('a.yaml:3:5: steps[0].advance: not a duration: "8 hours"\nfleetrig: 1 error in 1 file\n');
  });

  it('exits 2 when the paths hold no scenarios', async () => {
    const t = fakeIo();
    expect(await main(['run', 'empty.yaml'], t.io, fakeDeps({ ...allPassed, files: [], passed: 0 }).deps)).toBe(2);
    expect(t.stderr()).toContain('no scenarios found in empty.yaml');
  });

  it('writes the JUnit XML and JSON trace files it is asked for, creating their folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetrig-cli-'));
    try {
      const junit = join(dir, 'reports', 'junit.xml');
      const json = join(dir, 'reports', 'trace.json');
      expect(await main(['run', 'scenarios', '--seed', '42', '--junit', junit, '--json', json], fakeIo().io, fakeDeps().deps)).toBe(1);
      const suites = parseXml(await readFile(junit, 'utf8')).children;
      expect(suites.map((s) => s.attrs.name)).toEqual(['scenarios/gw-test-mode.yaml', 'scenarios/gw-move.yaml']);
      expect(JSON.parse(await readFile(json, 'utf8'))).toMatchObject({ seed: 42, passed: 2, failed: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
