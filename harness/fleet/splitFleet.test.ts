import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue.ts';
import type { ScenarioResult } from '../report/RunResult.ts';
import { parseScenarios, type Scenario } from '../scenario/parseScenarios.ts';
import { transportFor } from '../transport/chooseTransport.ts';
import { runScenario } from '../runner/runScenario.ts';
import { runSplit as split } from './testing/runSplit.ts';
import { devicesIn, perDeviceResults } from './testing/perDeviceResults.ts';

const catalogue = createCatalogue();
const transport = transportFor({ mode: 'memory' });

function scenario(text: string): Scenario {
  const parsed = parseScenarios(text, 'split.yaml', catalogue);
  expect(parsed.errors).toEqual([]);
  return parsed.scenarios[0]!;
}

const ROLLOUT = `
name: six gateways, split
fleet: [{ family: gateway, count: 6 }]
portal:
  orders:
    - id: o1
      account: acme
      items: [{ feature: Port, count: 8, quantity: 6 }]
steps:
  - order.activate: { order: o1 }
  - gateway.portal.bind: { order: o1, devices: "*" }
  - gateway.download: { devices: "*" }
  - reset: "*"
  - wait: { devices: "*", state: running, within: 5m }
  - expect: { devices: "*", licenses: { Port: 8 } }
  - license.expect: { license: o1.6, status: Active, boundTo: gw-006 }
  - gateway.testLicense: { devices: "*" }
  - reset: "*"
  - wait: { devices: "*", state: running, within: 5m }
  - advance: 30d
  - gateway.testMode: { devices: gw-001, on: true }
  - advance: 8h
  - wait: { devices: "*", state: running, testMode: false, within: 5m }
  - advance: 61d
  - expect: { devices: "*", testLicense: expired }
`;

const runSplit = (text: string, total: number, seed = 11): Promise<ScenarioResult[]> => split(scenario(text), total, { seed, catalogue });

describe('a fleet split across shards', () => {
  it('gives every device the same results as one process, each shard running its own part', async () => {
    const single = await runScenario(scenario(ROLLOUT), { seed: 11, realtime: false, catalogue, transport });
    const shards = await runSplit(ROLLOUT, 2);
    expect([single.status, single.failure?.message]).toEqual(['passed', undefined]);
    expect(shards.map((r) => [r.status, r.failure?.message])).toEqual([['passed', undefined], ['passed', undefined]]);
    expect(shards.map((r) => [...devicesIn(r)])).toEqual([['gw-001', 'gw-002', 'gw-003'], ['gw-004', 'gw-005', 'gw-006']]);
    expect(perDeviceResults(shards.map((r) => r.trace))).toEqual(perDeviceResults([single.trace]));
    // The clocks ended together, at the instant one process ends at.
    expect(shards.map((r) => r.virtualMs)).toEqual([single.virtualMs, single.virtualMs]);
  });

  it('runs the portal once: every binding is recorded on shard 1, none on the others', async () => {
    const [first, second] = await runSplit(ROLLOUT, 2);
    expect(first!.trace.filter((e) => e.kind === 'portal' && e.text.startsWith('bound ')).length).toBe(6);
    expect(second!.trace.filter((e) => e.kind === 'portal')).toEqual([]);
  });

  it('splits a fleet into more shards than it has devices of a kind, and gives the same results', async () => {
    const single = await runScenario(scenario(ROLLOUT), { seed: 11, realtime: false, catalogue, transport });
    const shards = await runSplit(ROLLOUT, 4);
    expect(shards.every((r) => r.status === 'passed')).toBe(true);
    expect(perDeviceResults(shards.map((r) => r.trace))).toEqual(perDeviceResults([single.trace]));
  });

  it("fails every shard when one shard's device fails an expectation, naming that shard", async () => {
    const failing = ROLLOUT.replace('  - license.expect: { license: o1.6, status: Active, boundTo: gw-006 }\n', '  - expect: { devices: gw-005, licenses: { Port: 9 } }\n');
    const [first, second] = await runSplit(failing, 2);
    expect(second).toMatchObject({ status: 'failed', failure: { device: 'gw-005', path: 'steps[6]' } });
    expect(first).toMatchObject({ status: 'failed', failure: { path: 'steps[6]', stepKind: 'expect' } });
    expect(first!.failure!.message).toBe(`shard 2/2 failed: ${second!.failure!.message}`);
  });

  it('stops every shard after the step in progress when one is interrupted, naming the signal and the shard', async () => {
    const stop = new AbortController();
    stop.abort('SIGINT');
    const results = await split(scenario(ROLLOUT), 2, { seed: 11, catalogue, signals: [undefined, stop.signal] });
    expect(results.map((r) => [r.status, r.failure?.message])).toEqual([0, 1].map(() => ['interrupted', 'interrupted by SIGINT on shard 2/2 before the first step']));
  });

  it('refuses, before building anything, a scenario with a step that cannot run split, naming it', async () => {
    const unsplittable = ROLLOUT.replace('  - gateway.testLicense: { devices: "*" }\n', '  - certificate: { device: gw-002, as: forged }\n');
    const parsed = parseScenarios(unsplittable, 'split.yaml', catalogue);
    expect(parsed.errors).toEqual([]);
    const [result] = await runSplit(unsplittable, 2);
    expect(result).toMatchObject({ status: 'failed', devices: 0 });
    expect(result!.failure!.message).toMatch(/^split\.yaml:\d+ steps\[7\]: 'certificate' cannot run on a fleet split across processes \(docs\/scale\.md lists the steps that can\); run the scenario without --fleet-shard$/);
  });
});
