/**
 * Does `actual` satisfy `expected`? Objects match when every expected key matches (extra
 * actual keys are fine); arrays match element by element and in length; the rest by value.
 * Returns the path of the first mismatch, or undefined when it matches.
 */
export function mismatch(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return path || '(value)';
    if (actual.length !== expected.length) return `${path}.length`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], actual[i], `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return path || '(value)';
    for (const [key, value] of Object.entries(expected)) {
      const m = mismatch(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (m) return m;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : path || '(value)';
}
