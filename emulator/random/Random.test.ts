import { describe, it, expect } from 'vitest';
import { createRandom } from './Random.ts';
import type { Random } from './Random.ts';

function draws(random: Random, n = 8): number[] {
  return Array.from({ length: n }, () => random.next());
}

describe('createRandom', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    expect(draws(createRandom(42))).toEqual(draws(createRandom(42)));
    expect(draws(createRandom(42))).toEqual(draws(createRandom('42')));
    expect(draws(createRandom(42))).not.toEqual(draws(createRandom(43)));
    expect(createRandom(7).seed).toBe('7');
  });

  it('draws in [0, 1)', () => {
    const random = createRandom('unit');
    const xs = draws(random, 1000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('keeps a fork independent of the draws made on its parent', () => {
    const quiet = createRandom(1);
    const busy = createRandom(1);
    draws(busy, 100);
    busy.bytes(50);
    expect(draws(busy.fork('a'))).toEqual(draws(quiet.fork('a')));
  });

  it('gives different forks different streams, all unlike the parent', () => {
    const root = createRandom(1);
    const a = draws(root.fork('a'));
    expect(a).not.toEqual(draws(root.fork('b')));
    expect(a).not.toEqual(draws(createRandom(1)));
    expect(draws(root.fork('a').fork('x'))).toEqual(draws(createRandom(1).fork('a').fork('x')));
  });

  it('keeps int within [min, maxExclusive) and reaches both ends', () => {
    const random = createRandom(5);
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(-3, 4)));
    expect([...seen].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(random.int(9, 10)).toBe(9);
  });

  it('draws bytes and hex of the asked length', () => {
    const random = createRandom(6);
    const bytes = random.bytes(32);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(32);
    expect(random.hex(3)).toMatch(/^[0-9a-f]{6}$/);
    expect(random.bytes(0).length).toBe(0);
  });

  it('draws RFC 4122 version-4 UUIDs', () => {
    const random = createRandom(7);
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const id = random.uuid();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(50);
    expect(createRandom(7).uuid()).toBe(createRandom(7).uuid());
  });

  it('picks from a list, and refuses an empty one', () => {
    const random = createRandom(8);
    const items = ['a', 'b', 'c'] as const;
    for (let i = 0; i < 20; i++) expect(items).toContain(random.pick(items));
    expect(() => random.pick([])).toThrow(/empty list/);
  });
});
