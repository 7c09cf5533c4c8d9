import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../emulator/clock/duration.ts';
import { main } from '../cli/cli.ts';
import { fakeIo } from '../cli/fakeCli.fixture.ts';
import { calendarDuration, duration, DURATION_PATTERN } from './fields.ts';

describe('duration fields', () => {
  it('keep DURATION_PATTERN to parseDuration\'s grammar: what one takes, the other does', () => {
    const texts = ['8h', '3mo', '1y', '2h30m', '1.5h', ' 8h ', '1y6mo2d', '250ms', '2w', '1.5mo', '0.5y', '1e400y', '8 h', '', '8', '-1h', 'Infinityy', '1.h', '3MO'];
    for (const text of texts) expect(DURATION_PATTERN.test(text), text).toBe(parseDuration(text).ok);
  });

  it('read months as calendar months where they may be, and refuse them where only a fixed length fits', () => {
    expect(calendarDuration.parse('3mo')).toEqual({ months: 3, ms: 0 });
    expect(duration.parse('90d')).toBe(90 * 86_400_000);
    expect(duration.safeParse('3mo').error?.issues[0]?.message).toBe('months and years have no fixed length; give this one in days or weeks, e.g. 90d');
  });

  it('refuse a duration that overflows or passes 100 years on load, naming file:line:column, and fleetrig validate exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-durations-'));
    const term = join(dir, 'term.yaml');
    writeFileSync(term, [
      'name: a term beyond the longest',
      'fleet:',
      '  - family: audio',
      'portal:',
      '  orders:',
      '    - id: o1',
      '      account: acme',
      '      items:',
      '        - { feature: PDMS-AUDIO, count: 1, term: 1e400y }',
      '        - { feature: PDMS-AUDIO, count: 1, term: 1201mo }',
      'steps:',
      '  - advance: 1d',
      '',
    ].join('\n'));
    const advance = join(dir, 'advance.yaml');
    writeFileSync(advance, [
      'name: advances beyond the longest',
      'fleet:',
      '  - family: gateway',
      'steps:',
      '  - advance: 99999999999999999999y',
      '  - advance: 101y',
      '  - advance: 36526d',
      '',
    ].join('\n'));
    const t = fakeIo();
    expect(await main(['validate', term, advance], t.io)).toBe(2);
    expect(t.stderr().trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${term}:9:\\d+: portal\\.orders\\[0\\]\\.items\\[0\\]\\.term: expected a duration such as 90s, 5m, 8h, 3mo, 1y$`)),
      expect.stringMatching(new RegExp(`^${term}:10:\\d+: portal\\.orders\\[0\\]\\.items\\[1\\]\\.term: '1201mo' is longer than the longest duration, 100 years \\(1200mo, 36525d\\)$`)),
      expect.stringMatching(new RegExp(`^${advance}:5:\\d+: steps\\[0\\]\\.advance: '99999999999999999999y' is longer than the longest duration`)),
      expect.stringMatching(new RegExp(`^${advance}:6:\\d+: steps\\[1\\]\\.advance: '101y' is longer than the longest duration`)),
      expect.stringMatching(new RegExp(`^${advance}:7:\\d+: steps\\[2\\]\\.advance: '36526d' is longer than the longest duration`)),
      'fleetrig: 5 errors in 2 files',
    ]);
  });
});
