/** A handmade run for reporter tests: two files, three scenarios, one failure in full detail. */
import { HOUR } from '../../emulator/clock/duration.ts';
import type { RunResult, ScenarioResult } from './RunResult.ts';

export const failedScenario: ScenarioResult = {
  file: 'scenarios/gw-test-mode.yaml',
  name: '[GW-9] test mode switches off after 8 hours',
  ids: ['GW-9'],
  status: 'failed',
  failure: {
    message: 'expected gw-001 state to be running, was booting <&> "quoted" \u001b[31m\u0000',
    line: 14,
    path: 'steps[4].expect',
    step: 4,
    stepKind: 'expect',
    device: 'gw-001',
    expected: 'running',
    actual: 'booting',
    history: [
      { t: 0, state: 'off' },
      { t: 1_000, state: 'running', event: 'POWER_ON' },
      { t: 8 * HOUR, state: 'booting', event: 'TEST_MODE_EXPIRED' },
    ],
    lastMessages: [{ t: 8 * HOUR, kind: 'message', device: 'gw-001', text: '→ state {"state":"booting"}' }],
  },
  devices: 1,
  steps: 5,
  virtualMs: 8 * HOUR + 1_000,
  wallMs: 42,
  trace: [
    { t: 0, kind: 'step', text: 'steps[0] power on gw-001' },
    { t: 1_000, kind: 'state', device: 'gw-001', text: 'off → running (POWER_ON)' },
    { t: 8 * HOUR, kind: 'state', device: 'gw-001', text: 'running → booting (TEST_MODE_EXPIRED)', data: { b: 2, a: 1 } },
  ],
};

export const passedScenario: ScenarioResult = {
  file: 'scenarios/gw-test-mode.yaml',
  name: '[GW-9] test mode can be switched on again',
  ids: ['GW-9'],
  status: 'passed',
  devices: 2,
  steps: 3,
  virtualMs: 16 * HOUR,
  wallMs: 18,
  trace: [{ t: 0, kind: 'step', text: 'steps[0] power on' }],
};

export const otherFileScenario: ScenarioResult = {
  file: 'scenarios/gw-move.yaml',
  name: '[GW-3] move a license to a replacement device',
  ids: ['GW-3'],
  status: 'passed',
  devices: 2,
  steps: 6,
  virtualMs: 90_000,
  wallMs: 1_250,
  trace: [],
};

export const sampleRun: RunResult = {
  seed: 42,
  files: [
    { file: 'scenarios/gw-test-mode.yaml', scenarios: [passedScenario, failedScenario] },
    { file: 'scenarios/gw-move.yaml', scenarios: [otherFileScenario] },
  ],
  passed: 2,
  failed: 1,
  wallMs: 3_140,
};
