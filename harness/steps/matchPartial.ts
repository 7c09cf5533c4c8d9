/** Where `actual` first departs from `expected`: the path and the two values found there. */
export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

/**
 * Does `actual` satisfy `expected`? Objects match when every expected key matches (extra
 * actual keys are fine); arrays match element by element and in length; the rest by value.
 * Returns the first mismatch, or undefined when it matches.
 */
export function mismatch(expected: unknown, actual: unknown, path = ''): Mismatch | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, expected, actual };
    if (actual.length !== expected.length) return { path: `${path}.length`, expected: expected.length, actual: actual.length };
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], actual[i], `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return { path, expected, actual };
    for (const [key, value] of Object.entries(expected)) {
      const m = mismatch(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (m) return m;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : { path, expected, actual };
}

/** A feature → amount map that reads 0 for any feature not in it, so `{ Mobility: 0 }` matches "none". */
export function countMap(counts: Record<string, number>): Record<string, number> {
  return new Proxy(counts, { get: (target, key) => (typeof key === 'string' ? target[key] ?? 0 : undefined) });
}
