/**
 * The blob: one run's whole result as a file, for `fleetrig merge-reports` to join the shards of
 * a CI run (`--shard i/n`) into the reports one run would have written, as Playwright's blob
 * reporter does. JSON, with the two kinds of value JSON has no room for (bigint and bytes, which
 * device messages carry) tagged so they come back as they were.
 */
import type { Reporter, RunResult } from './RunResult.ts';
import { writeReportFile, type WriteReportFile } from './writeReportFile.ts';

export interface BlobReporterOptions {
  /** Default `blob-report/report-<i>-of-<n>.json` for a shard, `blob-report/report.json` otherwise. */
  outputFile?: string;
  /** Injected in tests; writes the file (creating its folder) by default. */
  writeFile?: WriteReportFile;
}

/** Changes whenever a blob's shape does, so an old blob is refused rather than misread. */
export const BLOB_FORMAT = 1;

export function blobReporter(options: BlobReporterOptions = {}): Reporter {
  const write = options.writeFile ?? writeReportFile;
  return {
    async onRunEnd(run) {
      await write(options.outputFile ?? defaultBlobPath(run), renderBlob(run));
    },
  };
}

export function defaultBlobPath(run: Pick<RunResult, 'shard'>): string {
  return run.shard === undefined ? 'blob-report/report.json' : `blob-report/report-${run.shard.index}-of-${run.shard.total}.json`;
}

const TAG = '$fleetrig';

export function renderBlob(run: RunResult): string {
  return JSON.stringify({ fleetrigBlob: BLOB_FORMAT, run }, (_key, value: unknown) => {
    if (typeof value === 'bigint') return { [TAG]: 'bigint', value: value.toString() };
    if (value instanceof Uint8Array) return { [TAG]: 'bytes', hex: Buffer.from(value).toString('hex') };
    return value;
  }) + '\n';
}

/** The blob's text back as what it was written from; undefined when it is not JSON or not a blob of this format. */
export function parseBlob(text: string): { format: unknown; run?: RunResult } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, value: unknown) => {
      if (value === null || typeof value !== 'object' || !(TAG in value)) return value;
      const tagged = value as Record<string, string>;
      if (tagged[TAG] === 'bigint') return BigInt(tagged.value!);
      if (tagged[TAG] === 'bytes') return new Uint8Array(Buffer.from(tagged.hex!, 'hex'));
      return value;
    });
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || !('fleetrigBlob' in parsed)) return undefined;
  const blob = parsed as { fleetrigBlob: unknown; run?: unknown };
  if (blob.fleetrigBlob !== BLOB_FORMAT) return { format: blob.fleetrigBlob };
  const run = blob.run as RunResult | undefined;
  if (run === undefined || typeof run.seed !== 'number' || !Array.isArray(run.files)) return undefined;
  return { format: blob.fleetrigBlob, run };
}
