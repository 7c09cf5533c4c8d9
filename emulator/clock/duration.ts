/**
 * Durations as people write them in scenarios and commands: `90s`, `8h`, `3mo`, `1y`, `2h30m`.
 *
 * Months and years are calendar lengths, as the vendors' documents mean them ("valid for three
 * months after the first download"): `3mo` from 2026-05-01 ends on 2026-08-01, 92 days later.
 * So a parsed duration is a `Duration` of whole months and fixed milliseconds, and only
 * `addDuration` from a given instant turns it into an end (docs/decisions.md, *Calendar months*).
 */
const FIXED_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};
const UNIT_MONTHS: Record<string, number> = { mo: 1, y: 12 };

export const HOUR = FIXED_MS.h!;
export const DAY = FIXED_MS.d!;
/** A 30-day month, for fixed arithmetic where no calendar applies (a test's rough bound); terms use `addDuration`. */
export const MONTH = 30 * DAY;
/** A 365-day year, as MONTH. */
export const YEAR = 365 * DAY;

/** A length of time: calendar months (years are 12), then fixed milliseconds. */
export interface Duration {
  readonly months: number;
  readonly ms: number;
}

/** The longest duration accepted: 100 years, in either part (1200 months, 36,525 days). */
export const MAX_DURATION_MONTHS = 100 * 12;
export const MAX_DURATION_MS = 36_525 * DAY;

/**
 * The grammar: one or more parts, each a number and a unit; `mo` and `y` take whole numbers,
 * the fixed units decimals too. fields.ts writes it out as DURATION_PATTERN for the JSON Schema.
 */
const PART = /(\d+)(mo|y)|(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y;

export type ParsedDuration = { readonly ok: true; readonly value: Duration } | { readonly ok: false; readonly message: string };

/** Parses a duration; a refusal says why (the caller names where). */
export function parseDuration(text: string): ParsedDuration {
  const s = text.trim();
  const bad = (message: string): ParsedDuration => ({ ok: false, message });
  if (s === '') return bad('expected a duration such as 90s, 5m, 8h, 3mo, 1y; got nothing');
  let months = 0;
  let ms = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m || m.index !== start) return bad(`'${s}' is not a duration at character ${start + 1}: expected a number and a unit (ms, s, m, h, d, w, or mo, y in whole numbers), e.g. 90s, 8h, 3mo, 1y`);
    if (m[1] !== undefined) months += Number(m[1]) * UNIT_MONTHS[m[2]!]!;
    else ms += Number(m[3]) * FIXED_MS[m[4]!]!;
    // Checked per part: a huge part must not be summed into Infinity and then pass.
    if (!(months <= MAX_DURATION_MONTHS) || !(ms <= MAX_DURATION_MS)) {
      return bad(`'${s}' is longer than the longest duration, 100 years (1200mo, 36525d)`);
    }
  }
  return { ok: true, value: { months, ms: Math.round(ms) } };
}

/** A duration of fixed milliseconds only. */
export function fixedDuration(ms: number): Duration {
  return { months: 0, ms };
}

/**
 * The instant `duration` after `at`, in UTC: the months first, keeping the day of the month and
 * the time of day, then the milliseconds. A day the target month lacks is clamped to its last day
 * (Jan 31 + 1mo is Feb 28, or Feb 29 in a leap year), as java.time, Temporal and PostgreSQL do;
 * months are added at once, so Jan 31 + 2mo is Mar 31.
 */
export function addDuration(at: number, duration: Duration): number {
  if (duration.months === 0) return at + duration.ms;
  const end = new Date(at);
  const day = end.getUTCDate();
  // From the 1st, so that moving the month cannot overflow into the next one.
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + duration.months);
  end.setUTCDate(Math.min(day, daysInMonth(end.getUTCFullYear(), end.getUTCMonth())));
  return end.getTime() + duration.ms;
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]!;
}

/** Formats a duration as it was written, in whole units: `3mo`, `1y2mo`, `2h30m`. */
export function formatCalendarDuration(duration: Duration): string {
  const years = Math.floor(duration.months / 12);
  const months = duration.months - years * 12;
  const calendar = `${years > 0 ? `${years}y` : ''}${months > 0 ? `${months}mo` : ''}`;
  if (calendar === '') return formatDuration(duration.ms);
  return duration.ms === 0 ? calendar : `${calendar}${formatDuration(duration.ms)}`;
}

/** Formats milliseconds in the largest whole units, e.g. `8h`, `2h30m`, `91d`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = FIXED_MS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('');
}
