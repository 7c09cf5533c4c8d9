/** One part of a sharded run (`--shard 2/3`): the 1-based index and how many parts there are. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

/**
 * The scenario files of shard `index` of `total`: the files in sorted path order, cut into `total`
 * consecutive runs whose sizes differ by one at most, and this shard's run — so the same files
 * always make the same shards, whichever machine runs them, and every file is in exactly one.
 * The files come back in the order given (the run's own order), not the sorted one.
 */
export function shardFiles(files: readonly string[], shard: Shard): string[] {
  const sorted = [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cut = (i: number): number => Math.floor((i * sorted.length) / shard.total);
  const mine = new Set(sorted.slice(cut(shard.index - 1), cut(shard.index)));
  return files.filter((f) => mine.has(f));
}
