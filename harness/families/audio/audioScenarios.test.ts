import { describe, expect, it } from 'vitest';
import { runFiles } from '../../runner/runFiles.ts';

describe('audio scenarios (devices and the device-management portal), run in process', () => {
  it('[PC-1][PC-2][PC-3][PC-4][PC-5][PC-6][PC-7][PC-8] every bundled audio scenario passes', async () => {
    const run = await runFiles({ paths: ['scenarios/audio'], seed: 5, reporters: [] });
    if (!run.ok) throw new Error(run.error.message);
    const scenarios = run.value.files.flatMap((f) => f.scenarios);
    expect(scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.name}: ${s.failure?.message}`)).toEqual([]);
    const ids = new Set(scenarios.flatMap((s) => s.ids));
    expect([...ids].filter((id) => id.startsWith('PC-')).sort()).toEqual(['PC-1', 'PC-2', 'PC-3', 'PC-4', 'PC-5', 'PC-6', 'PC-7', 'PC-8']);
  }, 30_000);
});
