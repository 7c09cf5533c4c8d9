import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from './RunResult.ts';
import { annotation, githubReporter } from './githubReporter.ts';
import { sampleRun } from './sampleRun.fixture.ts';

describe('the github reporter', () => {
  it('[GW-9] annotates each failed scenario on its file and line, escaped as workflow commands ask, and nothing that passed', async () => {
    const out: string[] = [];
    await githubReporter({ out: { write: (t: string) => out.push(t) } }).onRunEnd?.(sampleRun);
    expect(out).toEqual([
      '::error file=scenarios/gw-test-mode.yaml,line=14,title=[GW-9] test mode switches off after 8 hours::expected gw-001 state to be running, was booting <&> "quoted" \u001b[31m\u0000 (gw-001)\n',
    ]);
  });

  it('escapes % and line breaks in the message, and : and , in properties; an interrupted scenario is a warning', () => {
    const scenario = { file: 'a,b:c.yaml', name: 'x: y, z', status: 'interrupted', failure: { message: '50%\nof it', line: 3 }, ids: [], devices: 0, steps: 1, virtualMs: 0, wallMs: 0, trace: [] } as ScenarioResult;
    expect(annotation(scenario)).toBe('::warning file=a%2Cb%3Ac.yaml,line=3,title=x%3A y%2C z::50%25%0Aof it');
  });
});
