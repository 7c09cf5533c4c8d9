import { describe, it, expect } from 'vitest';
import { formatHistory, formatOffset, formatTrace } from './formatTrace.ts';
import { failedScenario } from './sampleRun.fixture.ts';

describe('formatTrace', () => {
  it('renders virtual offsets with the duration units people write', () => {
    expect(formatOffset(0)).toBe('+0s');
    expect(formatOffset(8 * 3_600_000)).toBe('+8h');
    expect(formatOffset(90_500)).toBe('+1m30s500ms');
  });

  it('renders one aligned line per event, `-` for events without a device', () => {
    expect(formatTrace(failedScenario.trace)).toEqual([
      '+0s  -       step   steps[0] power on gw-001',
      '+1s  gw-001  state  off → running (POWER_ON)',
      '+8h  gw-001  state  running → booting (TEST_MODE_EXPIRED)',
    ]);
  });

  it('renders a state history as offset, state and the event that caused it', () => {
    expect(formatHistory(failedScenario.failure?.history ?? [])).toEqual([
      '+0s  off',
      '+1s  running  (POWER_ON)',
      '+8h  booting  (TEST_MODE_EXPIRED)',
    ]);
  });

  it('renders nothing for an empty trace', () => {
    expect(formatTrace([])).toEqual([]);
  });
});
