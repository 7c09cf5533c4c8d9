import { describe, it, expect } from 'vitest';
import { consoleReporter, formatWallTime, progressLine, summaryLine } from './consoleReporter.ts';
import type { Reporter, RunResult } from './RunResult.ts';
import { failedScenario, otherFileScenario, passedScenario, sampleRun } from './sampleRun.fixture.ts';

function playRun(reporter: Reporter, run: RunResult): void {
  reporter.onRunStart?.({ seed: run.seed, files: run.files.map((f) => f.file) });
  for (const file of run.files) {
    for (const scenario of file.scenarios) {
      reporter.onScenarioStart?.({ file: file.file, name: scenario.name });
      reporter.onScenarioEnd?.(scenario);
    }
  }
  void reporter.onRunEnd?.(run);
}

function capture(options: { color?: boolean; seedGiven?: boolean } = {}) {
  const chunks: string[] = [];
  const reporter = consoleReporter({ out: { write: (t: string) => chunks.push(t) }, ...options });
  return { reporter, text: () => chunks.join('') };
}

describe('consoleReporter', () => {
  it('prints a line per scenario, the failures in detail, then a summary', () => {
    const { reporter, text } = capture({ seedGiven: true });
    playRun(reporter, sampleRun);
    const out = text();
    expect(out).toContain('fleetrig run · 2 files · seed 42\n');
    expect(out).toContain('✓ scenarios/gw-test-mode.yaml › [GW-9] test mode can be switched on again (2 devices, 16h virtual, 18 ms)\n');
    expect(out).toContain('✗ scenarios/gw-test-mode.yaml › [GW-9] test mode switches off after 8 hours (1 device, 8h1s virtual, 42 ms)\n');
    expect(out).toContain('✓ scenarios/gw-move.yaml › [GW-3] move a license to a replacement device (2 devices, 1m30s virtual, 1.3 s)\n');
    expect(out).toContain('FAIL scenarios/gw-test-mode.yaml › [GW-9] test mode switches off after 8 hours\n');
    expect(out).toContain('  at scenarios/gw-test-mode.yaml:14 › steps[4].expect (expect)\n');
    expect(out).toContain('  expected: "running"\n  actual:   "booting"\n');
    expect(out).toContain('  state history of gw-001:\n    +0s  off\n');
    expect(out).toContain('  last messages of gw-001:\n');
    expect(out.endsWith('3 scenarios: 2 passed, 1 failed · seed 42 · 3.1 s\n')).toBe(true);
  });

  it('tells how to rerun with the seed the runner chose', () => {
    const { reporter, text } = capture();
    playRun(reporter, sampleRun);
    expect(text()).toContain('seed 42 — rerun with --seed 42\n');
    expect(text()).toContain('· rerun with --seed 42\n');
  });

  it('uses no colours unless asked, and ANSI colours when asked', () => {
    const plain = capture();
    playRun(plain.reporter, sampleRun);
    expect(plain.text()).not.toContain('\u001b[');
    const coloured = capture({ color: true });
    playRun(coloured.reporter, sampleRun);
    expect(coloured.text()).toContain('\u001b[32m✓\u001b[39m');
    expect(coloured.text()).toContain('\u001b[31m✗\u001b[39m');
  });

  it('prints no failure section when everything passed', () => {
    const { reporter, text } = capture({ seedGiven: true });
    playRun(reporter, { seed: 7, files: [{ file: 'a.yaml', scenarios: [passedScenario] }], passed: 1, failed: 0, wallMs: 20 });
    expect(text()).not.toContain('FAIL');
    expect(text()).toContain('1 scenario: 1 passed, 0 failed · seed 7 · 20 ms\n');
  });
});

describe('console lines', () => {
  it('formats progress, summary and wall time', () => {
    expect(progressLine(otherFileScenario)).toBe('✓ scenarios/gw-move.yaml › [GW-3] move a license to a replacement device (2 devices, 1m30s virtual, 1.3 s)');
    expect(progressLine(failedScenario).startsWith('✗ ')).toBe(true);
    expect(summaryLine(sampleRun)).toBe('3 scenarios: 2 passed, 1 failed · seed 42 · 3.1 s');
    expect(formatWallTime(0.4)).toBe('0 ms');
    expect(formatWallTime(999)).toBe('999 ms');
    expect(formatWallTime(3_140)).toBe('3.1 s');
  });
});
