/**
 * Durations as people write them in scenarios and commands: `90s`, `8h`, `3mo`, `1y`, `2h30m`.
 * Months are calendar-free 30-day months and years 365 days, so durations are plain numbers.
 */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  mo: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

export const HOUR = UNIT_MS.h!;
export const DAY = UNIT_MS.d!;
export const MONTH = UNIT_MS.mo!;
export const YEAR = UNIT_MS.y!;

const PART = /(\d+(?:\.\d+)?)(ms|mo|s|m|h|d|w|y)/y;

/** Parses a duration; returns undefined when the text is not one (the caller names where). */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m || m.index !== start) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
  }
  return Math.round(total);
}

/** Formats milliseconds in the largest whole units, e.g. `8h`, `2h30m`, `91d`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('');
}
