/**
 * The shards of a CI run put back together (`fleetrig merge-reports`): the blobs their
 * `--reporter blob` wrote, joined into the one RunResult a single run of every file would have
 * given — files in that run's order, counts summed — so its JUnit and JSON reports are the same
 * (wall times apart: the run's own is the slowest shard's).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { BLOB_FORMAT, parseBlob } from './blobReporter.ts';
import type { FileResult, RunResult } from './RunResult.ts';

interface Blob {
  readonly path: string;
  readonly run: RunResult;
}

/** Reads every `*.json` blob in `dir` and merges them; a missing, repeated or unreadable shard is a failure naming it. */
export async function mergeBlobDir(dir: string): Promise<Result<RunResult>> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => error);
  if (names instanceof Error) return fail('BAD_REQUEST', `cannot read ${dir}: ${names.code === 'ENOENT' ? 'no such directory' : names.message}`, dir);
  const paths = names.filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
  if (paths.length === 0) return fail('BAD_REQUEST', `no blob in ${dir}: write them with fleetrig run --shard i/n --reporter blob --output-file blob=${join(dir, 'report-i.json')}`, dir);
  const blobs: Blob[] = [];
  for (const path of paths) {
    const parsed = parseBlob(await readFile(path, 'utf8'));
    if (parsed === undefined) return fail('BAD_REQUEST', `${path} is not a fleetrig blob (written by fleetrig run --reporter blob)`, path);
    if (parsed.run === undefined) return fail('BAD_REQUEST', `${path} is a blob of format ${String(parsed.format)}; this fleetrig reads format ${BLOB_FORMAT}: run the shards and the merge with the same version`, path);
    blobs.push({ path, run: parsed.run });
  }
  return mergeBlobs(blobs);
}

export function mergeBlobs(blobs: readonly Blob[]): Result<RunResult> {
  const first = blobs[0]!;
  for (const b of blobs) {
    if (b.run.seed !== first.run.seed) return fail('BAD_REQUEST', `${b.path} ran with seed ${b.run.seed}, ${first.path} with ${first.run.seed}: run every shard with the same --seed`, b.path);
  }
  const total = first.run.shard?.total ?? 1;
  const order = first.run.shard?.files ?? first.run.files.map((f) => f.file);
  const byIndex = new Map<number, Blob>();
  for (const b of blobs) {
    const shard = b.run.shard ?? { index: 1, total: 1, files: b.run.files.map((f) => f.file) };
    if (shard.total !== total) return fail('BAD_REQUEST', `${b.path} is shard ${shard.index}/${shard.total}, ${first.path} one of ${total}: merge the shards of one run`, b.path);
    if (shard.files.join('\n') !== order.join('\n')) return fail('BAD_REQUEST', `${b.path} and ${first.path} were sharded from different scenario files: run every shard with the same paths and --grep`, b.path);
    const twin = byIndex.get(shard.index);
    if (twin !== undefined) return fail('BAD_REQUEST', `shard ${shard.index}/${total} is there twice: ${twin.path} and ${b.path}`, b.path);
    byIndex.set(shard.index, b);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) return fail('BAD_REQUEST', `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${total}`).join(', ')} missing: ${blobs.length} blob${blobs.length === 1 ? '' : 's'} of ${total} shards`);

  const fileResults = new Map<string, FileResult>(blobs.flatMap((b) => b.run.files.map((f) => [f.file, f] as const)));
  const run: RunResult = {
    seed: first.run.seed,
    files: order.flatMap((file) => fileResults.get(file) ?? []),
    passed: sum(blobs, (r) => r.passed),
    failed: sum(blobs, (r) => r.failed),
    wallMs: Math.max(...blobs.map((b) => b.run.wallMs)),
  };
  const notRun = sum(blobs, (r) => r.notRun ?? 0);
  if (notRun > 0) run.notRun = notRun;
  const cut = blobs.filter((b) => b.run.interrupted !== undefined);
  if (cut.length > 0) run.interrupted = { scenarios: sum(cut, (r) => r.interrupted!.scenarios), signal: cut[0]!.run.interrupted!.signal };
  return ok(run);
}

function sum(blobs: readonly Blob[], of: (run: RunResult) => number): number {
  return blobs.reduce((n, b) => n + of(b.run), 0);
}
