import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY } from './duration.ts';
import { WallClock } from './wallClock.ts';

describe('WallClock', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('waits out a timer longer than Node can (2³¹−1 ms, 24.8 days) instead of firing it at once', () => {
    const clock = new WallClock();
    const fired: number[] = [];
    const start = clock.now();
    clock.setTimeout(() => fired.push(clock.now() - start), 40 * DAY);
    vi.advanceTimersByTime(39 * DAY);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(DAY);
    expect(fired).toEqual([40 * DAY]);
  });

  it('cancels a long timer in whichever of its legs it is', () => {
    const clock = new WallClock();
    let fired = false;
    const id = clock.setTimeout(() => (fired = true), 60 * DAY);
    vi.advanceTimersByTime(30 * DAY);
    clock.clearTimeout(id);
    vi.advanceTimersByTime(60 * DAY);
    expect(fired).toBe(false);
  });
});
