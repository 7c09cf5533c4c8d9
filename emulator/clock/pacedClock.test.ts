import { describe, expect, it } from 'vitest';
import { HOUR } from './duration.ts';

const MINUTE = 60_000;
import { createPacedClock } from './pacedClock.ts';
import { VirtualClock } from './VirtualClock.ts';

/** A paced clock whose "wall" is itself virtual, so the test decides how much real time passes. */
function rig(options: { speed?: number; running?: boolean } = {}) {
  const wall = new VirtualClock({ start: 0 });
  const clock = new VirtualClock({ start: 1_000_000 });
  const paced = createPacedClock({ clock, wall, ...options });
  return { wall, clock, paced };
}

describe('createPacedClock', () => {
  it('runs virtual time at speed × wall time, firing timers on the way', async () => {
    const { wall, clock, paced } = rig({ speed: 60 });
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), MINUTE);
    await wall.advance(1_000);
    const state = await paced.pause();
    expect(state).toMatchObject({ now: 1_000_000 + MINUTE, running: false, speed: 60 });
    expect(fired).toEqual([1_000_000 + MINUTE]);
    await paced.close();
  });

  it('stands still while paused, and follows again from where it was on resume', async () => {
    const { wall, clock, paced } = rig({ running: false });
    await wall.advance(10_000);
    expect(clock.now()).toBe(1_000_000);
    await paced.resume();
    await wall.advance(2_000);
    expect((await paced.pause()).now).toBe(1_002_000);
    await paced.close();
  });

  it('jumps by a duration or to the next deadline at once, then keeps pace from there', async () => {
    const { wall, clock, paced } = rig({ speed: 1 });
    let reboot = 0;
    clock.setTimeout(() => (reboot = clock.now()), 8 * HOUR);
    expect(await paced.advanceToNextDeadline()).toMatchObject({ now: 1_000_000 + 8 * HOUR, nextDeadline: null });
    expect(reboot).toBe(1_000_000 + 8 * HOUR);
    await paced.advance(HOUR);
    await wall.advance(500);
    expect((await paced.pause()).now).toBe(1_000_000 + 9 * HOUR + 500);
    await paced.close();
  });

  it('refuses a speed that is not a positive number, and keeps the one it had', async () => {
    const { paced } = rig({ speed: 2 });
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2_000_000]) {
      await expect(paced.setSpeed(bad)).rejects.toThrow(RangeError);
    }
    expect((await paced.setSpeed(10)).speed).toBe(10);
    await paced.close();
  });
});
