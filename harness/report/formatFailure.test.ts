import { describe, it, expect } from 'vitest';
import { formatFailure, formatLocation, formatValue } from './formatFailure.ts';
import { failedScenario, passedScenario } from './sampleRun.fixture.ts';

describe('formatFailure', () => {
  it('shows the expectation, where it is, the device, its state history and last messages', () => {
    const lines = formatFailure(failedScenario);
    expect(lines[0]).toContain('expected gw-001 state to be running, was booting');
    expect(lines.slice(1)).toEqual([
      'at scenarios/gw-test-mode.yaml:14 › steps[4].expect (expect)',
      'expected: "running"',
      'actual:   "booting"',
      'state history of gw-001:',
      '  +0s  off',
      '  +1s  running  (POWER_ON)',
      '  +8h  booting  (TEST_MODE_EXPIRED)',
      'last messages of gw-001:',
      '  +8h  gw-001  message  → state {"state":"booting"}',
    ]);
  });

  it('renders nothing for a scenario that passed', () => {
    expect(formatFailure(passedScenario)).toEqual([]);
  });

  it('splits a multi-line message into lines and shows control characters', () => {
    const lines = formatFailure({ ...failedScenario, failure: { message: 'first\nsecond\u001b' } });
    expect(lines).toEqual(['first', 'second\\u001b', 'at scenarios/gw-test-mode.yaml']);
  });

  it('names the device even without a history', () => {
    const lines = formatFailure({ ...failedScenario, failure: { message: 'timed out', device: 'gw-002' } });
    expect(lines).toEqual(['timed out', 'at scenarios/gw-test-mode.yaml', 'device: gw-002']);
  });
});

describe('formatLocation', () => {
  it('falls back to the step index when there is no YAML path', () => {
    expect(formatLocation('a.yaml', { message: 'x', step: 2 })).toBe('a.yaml › steps[2]');
  });
});

describe('formatValue', () => {
  it('keeps strings distinguishable from numbers and null', () => {
    expect(formatValue('1')).toBe('"1"');
    expect(formatValue(1)).toBe('1');
    expect(formatValue(null)).toBe('null');
    expect(formatValue({ licenses: ['A'] })).toBe('{"licenses":["A"]}');
  });

  it('never throws on values JSON cannot hold', () => {
    expect(formatValue(10n)).toBe('10n');
    expect(formatValue({ n: 10n })).toBe('{"n":"10n"}');
    expect(formatValue(undefined)).toBe('undefined');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(formatValue(cycle)).toBe('[object Object]');
  });
});
