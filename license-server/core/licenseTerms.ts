import { addDuration, type Duration } from '../../emulator/clock/duration.ts';

/** Lengths of time the license rules are written in; months and years are calendar ones. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** PC-4: a license with less than this many days left is Expiring Shortly. */
export const EXPIRING_SHORTLY_DAYS = 31;

/**
 * GW-8: "valid for three months after the first download" — three calendar months, so a test
 * license first downloaded on 2026-05-01 ends on 2026-08-01 (docs/decisions.md, *Calendar months*).
 */
export const TEST_LICENSE_TERM: Duration = { months: 3, ms: 0 };

/** The feature a GW-8 test license grants: everything, as test mode does (GW-9). */
export const TEST_LICENSE_FEATURE = 'TEST-ALL';

/**
 * When a term that starts at `start` ends: its calendar months first, then its days (an order
 * item's `termMonths` and `termDays`); null when it has neither, a perpetual license.
 */
export function termEnd(start: number, term: { readonly termMonths?: number | null; readonly termDays: number | null }): number | null {
  const months = term.termMonths ?? null;
  if (months === null && term.termDays === null) return null;
  return addDuration(start, { months: months ?? 0, ms: Math.round((term.termDays ?? 0) * DAY_MS) });
}
