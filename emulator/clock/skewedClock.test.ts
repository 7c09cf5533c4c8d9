import { describe, expect, it } from 'vitest';
import { VirtualClock } from './VirtualClock.ts';
import { createSkewedClock } from './skewedClock.ts';

describe('skewedClock', () => {
  it('[TM-1] reads the shared clock plus its offset, while its timers keep the shared timeline', async () => {
    const base = new VirtualClock();
    const clock = createSkewedClock(base);
    clock.skew(-5_000);
    clock.skew(2_000);
    expect(clock.offset()).toBe(-3_000);
    expect(clock.now()).toBe(base.now() - 3_000);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(base.now()), 1_000);
    const start = base.now();
    await base.advance(1_000);
    expect(fired).toEqual([start + 1_000]);
    expect(() => clock.skew(Number.NaN)).toThrow(/finite/);
  });
});
