import { describe, expect, it } from 'vitest';
import { dotReporter } from './dotReporter.ts';
import { sampleRun } from './sampleRun.fixture.ts';

describe('the dot reporter', () => {
  it('writes one mark per scenario on one line, then the failure in detail and the summary', async () => {
    const out: string[] = [];
    const reporter = dotReporter({ out: { write: (t: string) => out.push(t) }, seedGiven: true });
    reporter.onRunStart?.({ seed: sampleRun.seed, files: sampleRun.files.map((f) => f.file) });
    for (const s of sampleRun.files.flatMap((f) => f.scenarios)) reporter.onScenarioEnd?.(s);
    await reporter.onRunEnd?.(sampleRun);
    const text = out.join('');
    expect(text.split('\n')[1]).toBe('·x·');
    expect(text).toContain('FAIL scenarios/gw-test-mode.yaml › [GW-9] test mode switches off after 8 hours');
    expect(text).toMatch(/3 scenarios: 2 passed, 1 failed · seed \d+/);
  });
});
