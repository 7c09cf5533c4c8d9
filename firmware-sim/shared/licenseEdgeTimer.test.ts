import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { DAY } from '../../emulator/clock/duration.ts';
import { createLicenseEdgeTimer } from './licenseEdgeTimer.ts';

/** Edges and wake-ups in ms after the rig's start. */
function rig(edges: number[]) {
  const clock = new VirtualClock();
  const start = clock.now();
  const woke: number[] = [];
  const timer = createLicenseEdgeTimer({
    clock,
    nextEdge: (now) => edges.map((t) => start + t).find((t) => t > now),
    onEdge: () => woke.push(clock.now() - start),
  });
  return { clock, woke, timer };
}

describe('licenseEdgeTimer', () => {
  it('wakes at each edge and only then, however far the next one is', async () => {
    const { clock, woke, timer } = rig([2.5 * DAY, 3 * DAY, 400 * DAY]);
    timer.rearm();
    await clock.advance(500 * DAY);
    expect(woke).toEqual([2.5 * DAY, 3 * DAY, 400 * DAY]);
  });

  it('sets no timer without an edge, and rearming drops the pending wake-up', async () => {
    const none = rig([]);
    none.timer.rearm();
    await none.clock.advance(10 * DAY);
    expect(none.woke).toEqual([]);

    const { clock, woke, timer } = rig([DAY / 2]);
    timer.rearm();
    await clock.advance(DAY / 4);
    timer.rearm();
    timer.rearm();
    await clock.advance(DAY);
    expect(woke).toEqual([DAY / 2]);
  });
});
