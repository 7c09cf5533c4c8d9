import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { runScenario } from '../runner/runScenario.ts';
import { transportFor } from '../transport/chooseTransport.ts';
import { checkSplittable } from './splitSteps.ts';
import { perDeviceResults } from './testing/perDeviceResults.ts';
import { runSplit } from './testing/runSplit.ts';

const catalogue = createCatalogue();
const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');
const SEED = 5;

// The 1,000-gateway roll-out splits too; the services suite runs its 2,000-gateway copy as two processes.
const bundled: Scenario[] = (await loadFiles([SCENARIOS], catalogue)).scenarios.filter((s) => !s.file.includes(join('scenarios', 'fleet')));
const splittable = bundled.filter((s) => checkSplittable(s, catalogue).ok);

describe('every bundled scenario that can run split', () => {
  it('is most of them', () => {
    expect(splittable.length).toBeGreaterThan(bundled.length / 2);
  });

  it.each(splittable.map((s) => [s.name, s] as const))('%s: gives each device the same results in two shards as in one process', async (_, scenario) => {
    const single = await runScenario(scenario, { seed: SEED, realtime: false, catalogue, transport: transportFor({ mode: 'memory' }) });
    const shards = await runSplit(scenario, 2, { seed: SEED, catalogue });
    expect(shards.map((r) => [r.status, r.failure?.message])).toEqual([0, 1].map(() => [single.status, single.failure?.message]));
    expect(perDeviceResults(shards.map((r) => r.trace))).toEqual(perDeviceResults([single.trace]));
  });
});
