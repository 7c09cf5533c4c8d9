import { describe, expect, it } from 'vitest';
import { runFiles } from '../../runner/runFiles.ts';

describe('video scenarios, run in process', () => {
  it('[CL-1][CL-2][CL-3][CL-4][CL-5][CL-6][CL-7][CL-8] every bundled video scenario passes', async () => {
    const run = await runFiles({ paths: ['scenarios/video'], seed: 7, reporters: [] });
    if (!run.ok) throw new Error(run.error.message);
    const scenarios = run.value.files.flatMap((f) => f.scenarios);
    const failed = scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.name}: ${s.failure?.message}`);
    expect(failed).toEqual([]);
    const ids = new Set(scenarios.flatMap((s) => s.ids));
    expect([...ids].filter((id) => id.startsWith('CL-')).sort()).toEqual(['CL-1', 'CL-2', 'CL-3', 'CL-4', 'CL-5', 'CL-6', 'CL-7', 'CL-8']);
  });

  it('gives the same trace for the same seed', async () => {
    const traces = [];
    for (let i = 0; i < 2; i++) {
      const run = await runFiles({ paths: ['scenarios/video/process-license.yaml'], seed: 3, reporters: [] });
      if (!run.ok) throw new Error(run.error.message);
      traces.push(JSON.stringify(run.value.files[0]!.scenarios[0]!.trace));
    }
    expect(traces[0]).toBe(traces[1]);
  });
});
