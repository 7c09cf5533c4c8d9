import type { Shard } from '../runner/shardFiles.ts';

/**
 * Which devices of a fleet of `count` shard `index` of `total` runs: a consecutive run of fleet
 * positions [from, to), the runs' sizes differing by one at most — so every shard computes
 * every other's part, and the device IDs a shard owns never depend on the host.
 */
export function fleetPart(count: number, shard: Shard): { from: number; to: number } {
  const cut = (i: number): number => Math.floor((i * count) / shard.total);
  return { from: cut(shard.index - 1), to: cut(shard.index) };
}
