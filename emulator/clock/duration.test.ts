import { describe, it, expect } from 'vitest';
import { addDuration, DAY, formatCalendarDuration, formatDuration, HOUR, MAX_DURATION_MONTHS, parseDuration, YEAR, type Duration } from './duration.ts';

const parsed = (text: string): Duration | string => {
  const r = parseDuration(text);
  return r.ok ? r.value : r.message;
};
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('parseDuration', () => {
  it('reads the units scenarios use, months and years as calendar months', () => {
    expect(parsed('8h')).toEqual({ months: 0, ms: 8 * HOUR });
    expect(parsed('3mo')).toEqual({ months: 3, ms: 0 });
    expect(parsed('1y')).toEqual({ months: 12, ms: 0 });
    expect(parsed('90s')).toEqual({ months: 0, ms: 90_000 });
    expect(parsed('250ms')).toEqual({ months: 0, ms: 250 });
    expect(parsed('2w')).toEqual({ months: 0, ms: 14 * DAY });
  });

  it('adds up compound durations', () => {
    expect(parsed('2h30m')).toEqual({ months: 0, ms: 2.5 * HOUR });
    expect(parsed('1y6mo2d')).toEqual({ months: 18, ms: 2 * DAY });
    expect(parsed('1m500ms')).toEqual({ months: 0, ms: 60_500 });
  });

  it('accepts fractions of fixed units and surrounding blanks', () => {
    expect(parsed('1.5h')).toEqual({ months: 0, ms: 90 * 60_000 });
    expect(parsed(' 8h ')).toEqual({ months: 0, ms: 8 * HOUR });
  });

  it('refuses anything that is not a duration, fractions of months and years included', () => {
    for (const bad of ['', '   ', '8', 'h', '8x', '-1h', '8 h', '8h ten', '1.h', 'h8', '8H', 'abc', '1.5mo', '0.5y', '1e400y', 'Infinityy']) {
      expect(parseDuration(bad).ok, bad).toBe(false);
    }
    expect(parsed('8hx')).toMatch(/^'8hx' is not a duration at character 3: /);
  });

  it('refuses durations over 100 years, however large the number, rather than overflow', () => {
    expect(parsed(`${MAX_DURATION_MONTHS}mo`)).toEqual({ months: 1200, ms: 0 });
    expect(parsed('36525d')).toEqual({ months: 0, ms: 36_525 * DAY });
    for (const big of ['101y', '1201mo', '36526d', '99999999999999999999y', `${'9'.repeat(400)}y`, `${'9'.repeat(400)}ms`, '100y1mo']) {
      expect(parsed(big), big).toMatch(/is longer than the longest duration, 100 years/);
    }
  });

  it('gives the same answer when called again after a bad input', () => {
    expect(parseDuration('8hx').ok).toBe(false);
    expect(parsed('8h')).toEqual({ months: 0, ms: 8 * HOUR });
  });
});

describe('addDuration', () => {
  it('[GW-8] three months from 2026-05-01 end on 2026-08-01, not 90 days later', () => {
    expect(iso(addDuration(at('2026-05-01T10:20:30.000Z'), { months: 3, ms: 0 }))).toBe('2026-08-01T10:20:30.000Z');
  });

  it('keeps the day of the month, clamping it to the last day of a shorter month', () => {
    expect(iso(addDuration(at('2026-01-31T12:00:00.000Z'), { months: 1, ms: 0 }))).toBe('2026-02-28T12:00:00.000Z');
    expect(iso(addDuration(at('2028-01-31T12:00:00.000Z'), { months: 1, ms: 0 }))).toBe('2028-02-29T12:00:00.000Z');
    expect(iso(addDuration(at('2026-01-31T12:00:00.000Z'), { months: 2, ms: 0 }))).toBe('2026-03-31T12:00:00.000Z');
    expect(iso(addDuration(at('2028-02-29T00:00:00.000Z'), { months: 12, ms: 0 }))).toBe('2029-02-28T00:00:00.000Z');
    expect(iso(addDuration(at('2026-11-30T23:59:59.999Z'), { months: 3, ms: 0 }))).toBe('2027-02-28T23:59:59.999Z');
  });

  it('adds the months first, then the fixed part', () => {
    expect(iso(addDuration(at('2026-01-31T00:00:00.000Z'), { months: 1, ms: DAY }))).toBe('2026-03-01T00:00:00.000Z');
    expect(addDuration(1_000, { months: 0, ms: 8 * HOUR })).toBe(1_000 + 8 * HOUR);
  });

  it('makes a calendar year 365 or 366 days', () => {
    expect(addDuration(at('2026-03-01T00:00:00.000Z'), { months: 12, ms: 0 }) - at('2026-03-01T00:00:00.000Z')).toBe(365 * DAY);
    expect(addDuration(at('2027-03-01T00:00:00.000Z'), { months: 12, ms: 0 }) - at('2027-03-01T00:00:00.000Z')).toBe(366 * DAY);
  });
});

describe('formatDuration', () => {
  it('writes the largest whole units', () => {
    expect(formatDuration(8 * HOUR)).toBe('8h');
    expect(formatDuration(2.5 * HOUR)).toBe('2h30m');
    expect(formatDuration(92 * DAY)).toBe('92d');
    expect(formatDuration(61_001)).toBe('1m1s1ms');
    expect(formatDuration(0)).toBe('0s');
  });

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 60_000, 8 * HOUR, 36 * HOUR + 5_000, YEAR]) {
      expect(parsed(formatDuration(ms))).toEqual({ months: 0, ms });
    }
    for (const d of [{ months: 3, ms: 0 }, { months: 14, ms: 2 * HOUR }, { months: 12, ms: 0 }]) {
      expect(parsed(formatCalendarDuration(d))).toEqual(d);
    }
  });
});
