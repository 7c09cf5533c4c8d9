import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import type { ScenarioResult } from '../report/RunResult.ts';
import { runFiles } from './runFiles.ts';

/** A parallel block starts its steps at one virtual instant; the block reports each that failed. */
async function runScenarioText(text: string, seed = 1): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fleetrig-parallel-'));
  writeFileSync(join(dir, 'race.yaml'), text);
  const run = unwrap(await runFiles({ paths: [join(dir, 'race.yaml')], seed, transport: 'memory', reporters: [] }));
  return run.files[0]!.scenarios[0]!;
}

const race = (second: string) => `name: "[GW-2] race"
fleet:
  - family: gateway
    count: 2
portal:
  orders:
    - id: o1
      items: [{ feature: Port, count: 4 }]
steps:
  - order.activate: { order: o1 }
  - advance: 1h
  - parallel:
      - gateway.portal.bind: { license: o1.1, devices: gw-001 }
      - gateway.portal.bind: { license: o1.1, devices: gw-002${second} }
  - license.expect: { license: o1.1, boundTo: gw-001 }
`;

describe('parallel blocks', () => {
  it('[GW-2] two devices binding one license at one instant: exactly one wins, at the same virtual time', async () => {
    const result = await runScenarioText(race(', expectError: { code: LICENSE_BOUND_ELSEWHERE, where: hardwareId }'));
    expect(result.failure).toBeUndefined();
    expect(result.status).toBe('passed');
    const inBlock = result.trace.filter((e) => /parallel\[\d\]|^bound /.test(e.text));
    expect(inBlock.map((e) => e.text.replace(/[0-9a-f-]{36}/, 'L'))).toEqual([
      'steps[2].parallel[0] gateway.portal.bind',
      'steps[2].parallel[1] gateway.portal.bind',
      expect.stringMatching(/^bound L \(Port\) to /),
    ]);
    expect(new Set(inBlock.map((e) => e.t))).toEqual(new Set([3_600_000 + 30_000]));
  });

  it('[GW-2] fails when both expect to win, naming the losing step, its line and why', async () => {
    const result = await runScenarioText(race(''));
    expect(result.status).toBe('failed');
    expect(result.failure).toMatchObject({ path: 'steps[2]', stepKind: 'parallel', line: 12 });
    expect(result.failure!.message).toMatch(/^1 of 2 parallel steps failed: steps\[2\]\.parallel\[1\] \(line 14\) gateway\.portal\.bind: license \S+ is bound to hardware ID \w+, not \w+; move it/);
  });

  it('reports every step of the block that failed, in the order written', async () => {
    const result = await runScenarioText(race(', expectError: NOT_FOUND').replace('devices: gw-001 }', 'devices: gw-001, expectError: FORBIDDEN }'));
    expect(result.failure!.message).toMatch(/^2 of 2 parallel steps failed: steps\[2\]\.parallel\[0\] \(line 13\) .*succeeded, but it was expected to fail with FORBIDDEN; steps\[2\]\.parallel\[1\] \(line 14\) .*expected NOT_FOUND$/);
  });

  it('gives the same winner on every seed: the order written is the order started', async () => {
    for (const seed of [2, 3, 4]) {
      expect((await runScenarioText(race(', expectError: LICENSE_BOUND_ELSEWHERE'), seed)).status).toBe('passed');
    }
  });
});
