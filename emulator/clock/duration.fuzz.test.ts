import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration, DAY, formatCalendarDuration, MAX_DURATION_MONTHS, MAX_DURATION_MS, parseDuration } from './duration.ts';

// Instants from 1970 to 2200, the span any scenario or term of the rig lives in, to the millisecond.
const instant = fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) });
const months = fc.integer({ min: 0, max: MAX_DURATION_MONTHS });

/** The oracle: the same calendar rule, written from the date parts rather than with a Date moved in place. */
function expectedEnd(at: number, addMonths: number): number {
  const d = new Date(at);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + addMonths;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) + (at % DAY);
}

describe('addDuration (calendar months in UTC)', () => {
  it('moves the month, keeps the time of day, and clamps the day to the target month\'s last day', () => {
    fc.assert(fc.property(instant, months, (at, m) => {
      expect(addDuration(at, { months: m, ms: 0 })).toBe(expectedEnd(at, m));
    }));
  });

  it('never goes back in time, and later months never end earlier', () => {
    fc.assert(fc.property(instant, months, months, fc.integer({ min: 0, max: MAX_DURATION_MS }), (at, a, b, ms) => {
      const [short, long] = a <= b ? [a, b] : [b, a];
      expect(addDuration(at, { months: short, ms })).toBeLessThanOrEqual(addDuration(at, { months: long, ms }));
      expect(addDuration(at, { months: short, ms })).toBeGreaterThanOrEqual(at + ms);
    }));
  });

  it('makes n months between 28n and 31n days long, and a year 365 or 366 days', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 120 }), (at, m) => {
      const length = addDuration(at, { months: m, ms: 0 }) - at;
      // A clamp can shorten a run of months by up to 3 days at its end, never more.
      expect(length).toBeGreaterThanOrEqual(28 * m * DAY - 3 * DAY);
      expect(length).toBeLessThanOrEqual(31 * m * DAY);
      const year = addDuration(at, { months: 12, ms: 0 }) - at;
      expect([365 * DAY, 366 * DAY]).toContain(year);
    }));
  });

  it('adds months in steps or at once alike when the day exists in every month (the 1st to the 28th)', () => {
    fc.assert(fc.property(instant, months, months, (at, a, b) => {
      fc.pre(new Date(at).getUTCDate() <= 28);
      expect(addDuration(addDuration(at, { months: a, ms: 0 }), { months: b, ms: 0 })).toBe(addDuration(at, { months: a + b, ms: 0 }));
    }));
  });
});

describe('parseDuration', () => {
  const unit = fc.constantFrom('ms', 's', 'm', 'h', 'd', 'w', 'mo', 'y');
  const part = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), unit).map(([n, u]) => `${n}${u}`);

  it('reads back what formatCalendarDuration writes', () => {
    fc.assert(fc.property(months, fc.integer({ min: 0, max: MAX_DURATION_MS }), (m, ms) => {
      expect(parseDuration(formatCalendarDuration({ months: m, ms }))).toEqual({ ok: true, value: { months: m, ms } });
    }));
  });

  it('either gives a finite duration of at most 100 years or refuses, whatever the numbers', () => {
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
      const parsed = parseDuration(parts.join(''));
      if (!parsed.ok) {
        expect(parsed.message).toMatch(/is longer than the longest duration, 100 years/);
      } else {
        expect(Number.isInteger(parsed.value.months) && Number.isFinite(parsed.value.ms)).toBe(true);
        expect(parsed.value.months).toBeLessThanOrEqual(MAX_DURATION_MONTHS);
        expect(parsed.value.ms).toBeLessThanOrEqual(MAX_DURATION_MS);
      }
    }));
  });

  it('refuses text outside the grammar, and never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (text) => {
      const parsed = parseDuration(text);
      if (parsed.ok) expect(text.trim()).toMatch(/^(?:\d+(?:mo|y)|\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/);
    }));
  });
});
