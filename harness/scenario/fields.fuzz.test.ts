import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../emulator/clock/duration.ts';
import { DURATION_PATTERN } from './fields.ts';

describe('DURATION_PATTERN (the JSON Schema\'s) and parseDuration', () => {
  // Text built from the grammar's own pieces and a few that are not, so both sides are reached.
  const piece = fc.constantFrom('1', '0', '42', '9999999999999999999999', '.', '.5', 'ms', 's', 'm', 'h', 'd', 'w', 'mo', 'y', ' ', 'e', 'M', '-', '1e3');
  const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

  it('agree on the grammar: what parses matches the pattern, and what matches parses or is refused only as too long', () => {
    fc.assert(fc.property(text, (s) => {
      const parsed = parseDuration(s);
      if (parsed.ok) expect(DURATION_PATTERN.test(s), s).toBe(true);
      else if (DURATION_PATTERN.test(s)) expect(parsed.message, s).toMatch(/is longer than the longest duration/);
    }));
  });
});
