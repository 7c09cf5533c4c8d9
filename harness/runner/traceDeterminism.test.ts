import { describe, expect, it } from 'vitest';
import { sameInstantTrace } from './testing/sameInstantTrace.ts';

describe('the JSON trace of a seed', () => {
  it('is byte-identical run after run, and the same in memory as through the in-process broker', async () => {
    const memory = [await sameInstantTrace({ transport: 'memory' }), await sameInstantTrace({ transport: 'memory' })];
    const stream = [await sameInstantTrace({ transport: 'stream' }), await sameInstantTrace({ transport: 'stream' })];
    expect(memory[1]).toBe(memory[0]);
    expect(stream[1]).toBe(stream[0]);
    expect(stream[0]).toBe(memory[0]);
  }, 60_000);

  it('is the same over loopback TCP', async () => {
    expect(await sameInstantTrace({ transport: 'tcp' })).toBe(await sameInstantTrace({ transport: 'memory' }));
  }, 60_000);
});
