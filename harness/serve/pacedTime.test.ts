import { describe, expect, it } from 'vitest';
import { createPacedClock } from '../../emulator/clock/pacedClock.ts';
import { settle } from '../../emulator/clock/settle.ts';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { pacedTime } from './pacedTime.ts';

const MINUTE = 60_000;

/** A service's clock whose "wall" is itself virtual, so the test decides how much real time passes. */
function rig(options: { speed?: number; running?: boolean } = {}) {
  const wall = new VirtualClock({ start: 0 });
  const clock = new VirtualClock({ start: 1_000_000 });
  const paced = createPacedClock({ clock, wall, ...options });
  return { wall, clock, paced, time: pacedTime(clock, wall) };
}

/** Tracks whether a promise has settled, and with what. */
function watch<T>(promise: Promise<T>): { settled: () => boolean; value: () => T | undefined } {
  let result: { value: T } | undefined;
  void promise.then((value) => (result = { value }));
  return { settled: () => result !== undefined, value: () => result?.value };
}

describe('pacedTime: steps wait for the service clock, never move it', () => {
  it('an advance waits while the clock is paused, and ends when a jump reaches it', async () => {
    const { wall, clock, paced, time } = rig({ running: false });
    const advancing = watch(time.advance(8 * 60 * MINUTE));
    await wall.advance(10_000);
    await settle();
    expect(advancing.settled()).toBe(false);
    expect(time.waiting()).toBe(true);
    expect(clock.now()).toBe(1_000_000);
    // Its own timer is the next deadline: one skip ends it.
    await paced.advanceToNextDeadline();
    await settle();
    expect(advancing.settled()).toBe(true);
    expect(time.waiting()).toBe(false);
    expect(clock.now()).toBe(1_000_000 + 8 * 60 * MINUTE);
    await paced.close();
  });

  it('an advance ends at the clock\'s speed as the wall clock runs', async () => {
    const { wall, paced, time } = rig({ speed: 60 });
    const advancing = watch(time.advance(MINUTE));
    // A minute at 60× is a wall second, passed in the paced clock's ticks.
    const tick = async (): Promise<void> => {
      await wall.advance(100);
      await settle();
    };
    for (let i = 0; i < 5; i++) await tick();
    expect(advancing.settled()).toBe(false);
    for (let i = 0; i < 5; i++) await tick();
    expect(advancing.settled()).toBe(true);
    await paced.close();
  });

  it('a wait holds as soon as its condition does, and a skip goes to the devices\' deadline, not to a poll', async () => {
    const { wall, clock, paced, time } = rig({ running: false });
    let booted = false;
    clock.setTimeout(() => (booted = true), 30_000);
    const waiting = watch(time.advanceUntil(() => booted, 2 * MINUTE));
    await settle();
    expect(paced.state().nextDeadline).toBe(1_000_000 + 30_000);
    await paced.advanceToNextDeadline();
    await wall.advance(20);
    await settle();
    expect(waiting.value()).toBe(true);
    // Its limit timer is gone with it.
    expect(paced.state().nextDeadline).toBeNull();
    await paced.close();
  });

  it('a wait whose condition never holds answers false when its limit comes', async () => {
    const { paced, time } = rig({ running: false });
    const waiting = watch(time.advanceUntil(() => false, MINUTE));
    await settle();
    await paced.advanceToNextDeadline();
    await settle();
    expect(waiting.settled()).toBe(true);
    expect(waiting.value()).toBe(false);
    await paced.close();
  });

  it('a wait already satisfied takes no time at all', async () => {
    const { clock, time } = rig({ running: false });
    expect(await time.advanceUntil(() => true, MINUTE)).toBe(true);
    expect(clock.now()).toBe(1_000_000);
    expect(clock.nextDeadline()).toBeUndefined();
  });
});
