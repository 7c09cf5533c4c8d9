import { mkdtemp, readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.ts';
import { allPassed, fakeDeps, fakeIo } from '../fakeCli.fixture.ts';

/** A few small bundled scenarios and the doc's failing one: not the 1,000-gateway fleet. */
const SMALL = ['scenarios/gateway/test-mode.yaml', 'scenarios/audio/licenses-list.yaml', 'scenarios/video/standard-offline.yaml', 'scenarios/smartserver/download-activate.yaml', 'test/docExamples/cli-failure.yaml'];

/** Wall times: the one thing two runs of a seed may not share (console lines, summary, JUnit `time`). */
const withoutWallTimes = (text: string): string => text.replace(/\d+(\.\d)? m?s\)/g, '- ms)').replace(/ · \d+(\.\d)? m?s$/gm, ' · -').replace(/ time="[\d.]+"/g, ' time="-"').replace(/ timestamp="[^"]+"/g, ' timestamp="-"');

describe('fleetrig run --workers and --shard flags', () => {
  it.each([
    [['--workers', '0'], "option '--workers <n>' argument '0' is invalid. It must be a positive integer, e.g. --workers 2"],
    [['--workers', 'two'], "option '--workers <n>' argument 'two' is invalid"],
    [['--shard', '3/2'], "option '--shard <i/n>' argument '3/2' is invalid. It must be i/n with 1 ≤ i ≤ n, e.g. --shard 1/3"],
    [['--shard', 'x'], "option '--shard <i/n>' argument 'x' is invalid"],
    [['--shard', '0/2'], "option '--shard <i/n>' argument '0/2' is invalid"],
  ])('refuses %j in one line, exit 2, running nothing', async (flags, message) => {
    const t = fakeIo();
    const { deps, calls } = fakeDeps();
    expect(await main(['run', 'scenarios', ...flags], t.io, deps)).toBe(2);
    expect(t.stderr().split('\n')[0]).toContain(message);
    expect(calls).toHaveLength(0);
  });

  it('refuses more than one worker on an external broker, whose topics the scenarios would share', async () => {
    const t = fakeIo();
    const { deps, calls } = fakeDeps();
    expect(await main(['run', 'scenarios', '--broker', 'mqtt://127.0.0.1:1883', '--workers', '2'], t.io, deps)).toBe(2);
    expect(t.stderr()).toBe("fleetrig run: --workers 2 with --broker: scenarios running side by side would share the broker's topics; use --workers 1, or --shard with a broker per job\n");
    expect(calls).toHaveLength(0);
  });

  it('hands workers and shard to the runner: half the cores by default, one on an external broker', async () => {
    const { deps, calls } = fakeDeps(allPassed);
    await main(['run', 'a.yaml', '--workers', '3', '--shard', '2/4'], fakeIo().io, deps);
    await main(['run', 'a.yaml'], fakeIo().io, deps);
    await main(['run', 'a.yaml', '--broker', 'mqtt://127.0.0.1:1883'], fakeIo().io, deps);
    expect(calls.map((c) => [c.workers, c.shard])).toEqual([[3, { index: 2, total: 4 }], [Math.max(1, Math.floor(availableParallelism() / 2)), undefined], [1, undefined]]);
  });
});

describe('fleetrig run --workers 2', () => {
  it('[GW-5][GW-9] prints the same console output and writes the same JSON trace and JUnit as --workers 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetrig-workers-cli-'));
    const outputs = [];
    for (const workers of ['1', '2']) {
      const t = fakeIo();
      const json = join(dir, `w${workers}.json`);
      const junit = join(dir, `w${workers}.xml`);
      expect(await main(['run', ...SMALL, '--seed', '7', '--workers', workers, '--json', json, '--junit', junit], t.io)).toBe(1);
      outputs.push({ stdout: withoutWallTimes(t.stdout()), json: await readFile(json, 'utf8'), junit: withoutWallTimes(await readFile(junit, 'utf8')) });
    }
    expect(outputs[0]!.stdout).toMatch(/6 scenarios: 5 passed, 1 failed · seed 7/);
    expect(outputs[1]).toEqual(outputs[0]);
  }, 120_000);
});

describe('fleetrig merge-reports', () => {
  it('joins the blobs of --shard 1/2 and 2/2 into the JUnit and JSON trace of one run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetrig-merge-cli-'));
    const blobs = join(dir, 'blob-report');
    for (const shard of ['1/2', '2/2']) {
      const t = fakeIo();
      await main(['run', ...SMALL, '--seed', '7', '--workers', '1', '--transport', 'memory', '--shard', shard, '--reporter', 'blob', '--output-file', `blob=${join(blobs, `report-${shard[0]}.json`)}`], t.io);
      expect(t.stdout()).toBe('');
    }
    const merged = fakeIo();
    expect(await main(['merge-reports', blobs, '--junit', join(dir, 'merged.xml'), '--json', join(dir, 'merged.json')], merged.io)).toBe(1);
    expect(merged.stdout()).toMatch(/6 scenarios: 5 passed, 1 failed · seed 7/);
    const one = fakeIo();
    expect(await main(['run', ...SMALL, '--seed', '7', '--workers', '1', '--transport', 'memory', '--junit', join(dir, 'one.xml'), '--json', join(dir, 'one.json')], one.io)).toBe(1);
    expect(withoutWallTimes(await readFile(join(dir, 'merged.xml'), 'utf8'))).toBe(withoutWallTimes(await readFile(join(dir, 'one.xml'), 'utf8')));
    expect(await readFile(join(dir, 'merged.json'), 'utf8')).toBe(await readFile(join(dir, 'one.json'), 'utf8'));
    expect(withoutWallTimes(merged.stdout())).toBe(withoutWallTimes(one.stdout()));
  }, 120_000);

  it('refuses a folder with a shard missing, in one line, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetrig-merge-cli-'));
    await main(['run', ...SMALL, '--seed', '7', '--workers', '1', '--transport', 'memory', '--shard', '1/2', '--reporter', 'blob', '--output-file', `blob=${join(dir, 'report-1.json')}`], fakeIo().io);
    const t = fakeIo();
    expect(await main(['merge-reports', dir, '--junit', join(dir, 'merged.xml')], t.io)).toBe(2);
    expect(t.stderr()).toBe('fleetrig merge-reports: shard 2/2 missing: 1 blob of 2 shards\n');
  }, 60_000);
});
