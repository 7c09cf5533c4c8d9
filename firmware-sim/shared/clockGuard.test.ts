import { describe, expect, it } from 'vitest';
import { DAY } from '../../emulator/clock/duration.ts';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createSkewedClock } from '../../emulator/clock/skewedClock.ts';
import { CHECKPOINT_MS, CLOCK_TOLERANCE_MS, countsAt, createClockGuard, saveDue } from './clockGuard.ts';

function rig() {
  const clock = createSkewedClock(new VirtualClock());
  return { clock, guard: createClockGuard(clock) };
}

describe('clockGuard', () => {
  it('[TM-1] flags a clock set back past the latest time seen, and clears once it catches up', async () => {
    const { clock, guard } = rig();
    guard.load(undefined);
    const seen = guard.read().now;
    clock.skew(10 * DAY);
    expect(guard.read().tampered).toBeNull();
    clock.skew(-30 * DAY);
    expect(guard.read().tampered).toEqual({ code: 'CLOCK_TAMPERED', clockAt: seen - 20 * DAY, latestSeenAt: seen + 10 * DAY });
    expect(guard.clearsAt()).toBe(seen + 10 * DAY - CLOCK_TOLERANCE_MS);
    clock.skew(30 * DAY - CLOCK_TOLERANCE_MS);
    expect(guard.read().tampered).toBeNull();
    expect(guard.clearsAt()).toBeUndefined();
  });

  it('[TM-1] takes a step back within the tolerance as clock correction, not tampering', () => {
    const { clock, guard } = rig();
    guard.read();
    clock.skew(-CLOCK_TOLERANCE_MS);
    expect(guard.read().tampered).toBeNull();
    clock.skew(-1);
    expect(guard.read().tampered).not.toBeNull();
  });

  it('[TM-1] after a reboot knows only what was saved: a rollback behind it is still caught', () => {
    const { clock, guard } = rig();
    clock.skew(5 * DAY);
    const saved = guard.latestSeen();
    clock.skew(5 * DAY);
    guard.read();
    clock.skew(-7 * DAY);
    guard.load(saved);
    expect(guard.read().tampered).not.toBeNull();
    guard.load(undefined);
    expect(guard.read().tampered).toBeNull();
  });

  it('[TM-1] lets a license without an end count while flagged, and no license with one', () => {
    const now = 1_000;
    const flagged = { now, tampered: { code: 'CLOCK_TAMPERED' as const, clockAt: now, latestSeenAt: now + DAY } };
    expect(countsAt(null, flagged)).toBe(true);
    expect(countsAt(now + 10 * DAY, flagged)).toBe(false);
    expect(countsAt(now + 10 * DAY, { now, tampered: null })).toBe(true);
    expect(countsAt(now, { now, tampered: null })).toBe(false);
  });

  it('[TM-1] saves the mark once a license edge has passed, else at most once a checkpoint interval', () => {
    const saved = 10 * DAY;
    expect(saveDue(undefined, saved, [])).toBe(true);
    expect(saveDue(saved, saved + DAY, [null, 30 * DAY])).toBe(false);
    expect(saveDue(saved, saved + DAY, [saved + DAY])).toBe(true);
    expect(saveDue(saved, saved + CHECKPOINT_MS, [])).toBe(true);
    expect(saveDue(saved, saved - DAY, [saved - 2 * DAY])).toBe(false);
  });
});
