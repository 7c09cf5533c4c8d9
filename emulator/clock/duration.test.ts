import { describe, it, expect } from 'vitest';
import { DAY, HOUR, MONTH, YEAR, formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('reads the units scenarios use', () => {
    expect(parseDuration('8h')).toBe(8 * HOUR);
    expect(parseDuration('3mo')).toBe(3 * MONTH);
    expect(parseDuration('1y')).toBe(YEAR);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2w')).toBe(14 * DAY);
  });

  it('adds up compound durations', () => {
    expect(parseDuration('2h30m')).toBe(2.5 * HOUR);
    expect(parseDuration('1d12h')).toBe(36 * HOUR);
    expect(parseDuration('1m500ms')).toBe(60_500);
  });

  it('accepts fractions and surrounding blanks', () => {
    expect(parseDuration('1.5h')).toBe(90 * 60_000);
    expect(parseDuration(' 8h ')).toBe(8 * HOUR);
  });

  it('uses 30-day months and 365-day years', () => {
    expect(MONTH).toBe(30 * DAY);
    expect(YEAR).toBe(365 * DAY);
  });

  it('returns undefined for anything that is not a duration', () => {
    for (const bad of ['', '   ', '8', 'h', '8x', '-1h', '8 h', '8h ten', '1.h', 'h8', '8H', 'abc']) {
      expect(parseDuration(bad), bad).toBeUndefined();
    }
  });

  it('gives the same answer when called again after a bad input', () => {
    expect(parseDuration('8hx')).toBeUndefined();
    expect(parseDuration('8h')).toBe(8 * HOUR);
  });
});

describe('formatDuration', () => {
  it('writes the largest whole units', () => {
    expect(formatDuration(8 * HOUR)).toBe('8h');
    expect(formatDuration(2.5 * HOUR)).toBe('2h30m');
    expect(formatDuration(3 * MONTH)).toBe('90d');
    expect(formatDuration(61_001)).toBe('1m1s1ms');
    expect(formatDuration(0)).toBe('0s');
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 60_000, 8 * HOUR, 36 * HOUR + 5_000, YEAR]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
