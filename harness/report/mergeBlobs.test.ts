import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBlobPath, renderBlob } from './blobReporter.ts';
import { mergeBlobDir } from './mergeBlobs.ts';
import type { RunResult } from './RunResult.ts';
import { sampleRun } from './sampleRun.fixture.ts';

const FILES = sampleRun.files.map((f) => f.file);

/** The sample run as shard `index` of as many shards as it has files: one file each. */
function shardOf(index: number, seed = sampleRun.seed): RunResult {
  const file = sampleRun.files[index - 1]!;
  const passed = file.scenarios.filter((s) => s.status === 'passed').length;
  const failed = file.scenarios.filter((s) => s.status === 'failed').length;
  return { seed, files: [file], passed, failed, wallMs: 100 * index, shard: { index, total: FILES.length, files: FILES } };
}

function blobDir(runs: Record<string, RunResult>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-merge-'));
  for (const [name, run] of Object.entries(runs)) writeFileSync(join(dir, name), renderBlob(run));
  return dir;
}

describe('mergeBlobDir', () => {
  it('joins the shards in the run\'s file order, whatever order their blobs are named in, summing the counts', async () => {
    const runs = Object.fromEntries(FILES.map((_, i) => [`z-${FILES.length - i}.json`, shardOf(i + 1)]));
    const merged = await mergeBlobDir(blobDir(runs));
    expect(merged).toMatchObject({ ok: true, value: { seed: sampleRun.seed, files: sampleRun.files, passed: sampleRun.passed, failed: sampleRun.failed, wallMs: 100 * FILES.length } });
  });

  it('brings back the bigints and bytes of device messages as they were', async () => {
    const run = shardOf(1);
    const scenario = run.files[0]!.scenarios[0]!;
    const withValues: RunResult = { ...run, shard: { index: 1, total: 1, files: [run.files[0]!.file] }, files: [{ ...run.files[0]!, scenarios: [{ ...scenario, trace: [{ t: 1, kind: 'message', text: 'x', data: { n: 12345678901234567890n, bytes: new Uint8Array([0, 255]) } }] }] }] };
    const merged = await mergeBlobDir(blobDir({ 'a.json': withValues }));
    expect(merged.ok && merged.value.files[0]!.scenarios[0]!.trace[0]!.data).toEqual({ n: 12345678901234567890n, bytes: new Uint8Array([0, 255]) });
  });

  it.each([
    ['a shard missing', { 'a.json': shardOf(1) }, /^shards? 2\/2(, \d\/\d)* missing: 1 blob of \d shards$/],
    ['a shard twice', { 'a.json': shardOf(1), 'b.json': shardOf(1) }, /^shard 1\/\d is there twice: .*a\.json and .*b\.json$/],
    ['shards of different seeds', { 'a.json': shardOf(1, 1), 'b.json': shardOf(2, 2) }, /b\.json ran with seed 2, .*a\.json with 1: run every shard with the same --seed$/],
  ])('refuses %s, saying which', async (_what, runs, message) => {
    const merged = await mergeBlobDir(blobDir(runs));
    expect(merged.ok).toBe(false);
    if (!merged.ok) expect(merged.error.message).toMatch(message);
  });

  it('refuses a folder with no blob, and a file that is not one, naming it', async () => {
    const empty = await mergeBlobDir(mkdtempSync(join(tmpdir(), 'fleetrig-merge-')));
    expect(!empty.ok && empty.error.message).toMatch(/^no blob in .*: write them with fleetrig run --shard i\/n --reporter blob/);
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-merge-'));
    writeFileSync(join(dir, 'junit.json'), '{"tests": 3}');
    const other = await mergeBlobDir(dir);
    expect(!other.ok && other.error.message).toMatch(/junit\.json is not a fleetrig blob/);
  });
});

describe('defaultBlobPath', () => {
  it('names a shard\'s blob after the shard, under blob-report/, so the shards of a CI run never overwrite each other', () => {
    expect(defaultBlobPath({ shard: { index: 2, total: 3, files: [] } })).toBe('blob-report/report-2-of-3.json');
    expect(defaultBlobPath({})).toBe('blob-report/report.json');
  });
});
