import { describe, expect, it } from 'vitest';
import { shardFiles } from './shardFiles.ts';

describe('shardFiles', () => {
  const files = ['s/video/b.yaml', 's/audio/a.yaml', 's/gateway/c.yaml', 's/audio/b.yaml', 's/video/a.yaml'];

  it('puts every file in exactly one shard, cut from the sorted paths, each shard in the run\'s own order', () => {
    const shards = [1, 2, 3].map((index) => shardFiles(files, { index, total: 3 }));
    expect(shards).toEqual([['s/audio/a.yaml'], ['s/gateway/c.yaml', 's/audio/b.yaml'], ['s/video/b.yaml', 's/video/a.yaml']]);
    expect(shards.flat().sort()).toEqual([...files].sort());
  });

  it('cuts the same shards whatever order the files are listed in', () => {
    const reversed = [...files].reverse();
    for (const index of [1, 2]) expect(new Set(shardFiles(reversed, { index, total: 2 }))).toEqual(new Set(shardFiles(files, { index, total: 2 })));
  });

  it('leaves a shard empty when there are more shards than files', () => {
    expect([1, 2, 3].map((index) => shardFiles(['x.yaml', 'y.yaml'], { index, total: 3 }))).toEqual([[], ['x.yaml'], ['y.yaml']]);
  });
});
