import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { progressReporter } from './progressReporter.ts';
import type { StepStart } from './RunResult.ts';
import { sampleRun } from './sampleRun.fixture.ts';

const HOUR = 3_600_000;

function rig(live: boolean) {
  const out: string[] = [];
  const clock = new VirtualClock({ start: 0 });
  const reporter = progressReporter({ out: { write: (t: string) => out.push(t) }, clock, live });
  let virtual = 0;
  const step = (index: number, kind: string): StepStart => ({ file: 'scenarios/fleet.yaml', name: 'fleet', index, steps: 4, kind, devices: 1000, elapsed: () => virtual });
  return { out, clock, reporter, step, setVirtual: (ms: number) => (virtual = ms) };
}

describe('the progress reporter', () => {
  it('on a terminal rewrites one line with scenarios done, the step, the devices and the virtual time, and clears it before the scenario\'s own line', async () => {
    const { out, clock, reporter, step, setVirtual } = rig(true);
    reporter.onRunStart?.({ seed: 1, files: ['scenarios/fleet.yaml'], scenarios: 2 });
    reporter.onScenarioStart?.({ file: 'scenarios/fleet.yaml', name: 'fleet' });
    await clock.advance(250);
    expect(out.pop()).toBe('\r\u001b[2K0/2 scenarios · scenarios/fleet.yaml · starting its fleet');
    reporter.onStepStart?.(step(2, 'advance'));
    setVirtual(30 * 24 * HOUR);
    await clock.advance(250);
    expect(out.pop()).toBe('\r\u001b[2K0/2 scenarios · scenarios/fleet.yaml › step 3/4 advance · 1000 devices · virtual 30d');
    reporter.onScenarioEnd?.(sampleRun.files[0]!.scenarios[0]!);
    expect(out.pop()).toBe('\r\u001b[2K');
    // Nothing more once the scenario ended (the earlier redraws were taken off with pop above).
    const before = out.length;
    await clock.advance(1_000);
    expect(out).toHaveLength(before);
  });

  it('elsewhere prints a heartbeat line every 5 s while a scenario runs, and nothing for a quick one', async () => {
    const { out, clock, reporter, step } = rig(false);
    reporter.onRunStart?.({ seed: 1, files: ['scenarios/fleet.yaml'], scenarios: 2 });
    reporter.onScenarioStart?.({ file: 'scenarios/quick.yaml', name: 'quick' });
    await clock.advance(4_000);
    reporter.onScenarioEnd?.(sampleRun.files[0]!.scenarios[0]!);
    reporter.onScenarioStart?.({ file: 'scenarios/fleet.yaml', name: 'fleet' });
    reporter.onStepStart?.(step(0, 'order.activate'));
    await clock.advance(10_000);
    expect(out).toEqual([
      'fleetrig run: 1/2 scenarios · scenarios/fleet.yaml › step 1/4 order.activate · 1000 devices · virtual 0s\n',
      'fleetrig run: 1/2 scenarios · scenarios/fleet.yaml › step 1/4 order.activate · 1000 devices · virtual 0s\n',
    ]);
    await reporter.onRunEnd?.(sampleRun);
    await clock.advance(10_000);
    expect(out).toHaveLength(2);
  });

  it('under --workers keeps the heartbeat going while a scenario still runs after another one ended', async () => {
    const { out, clock, reporter } = rig(false);
    reporter.onRunStart?.({ seed: 1, files: ['scenarios/fleet.yaml', 'scenarios/gw-test-mode.yaml'], scenarios: 2 });
    reporter.onScenarioStart?.({ file: 'scenarios/fleet.yaml', name: 'fleet' });
    reporter.onScenarioStart?.({ file: 'scenarios/gw-test-mode.yaml', name: 'quick' });
    reporter.onScenarioEnd?.(sampleRun.files[0]!.scenarios[0]!);
    await clock.advance(5_000);
    expect(out).toEqual(['fleetrig run: 1/2 scenarios · scenarios/gw-test-mode.yaml · starting its fleet\n']);
    reporter.onScenarioEnd?.(sampleRun.files[1]!.scenarios[0]!);
    await clock.advance(10_000);
    expect(out).toHaveLength(1);
  });

  it('on a terminal clears the line for each scenario that ends while others run, and draws it again', async () => {
    const { out, clock, reporter } = rig(true);
    reporter.onRunStart?.({ seed: 1, files: ['a.yaml', 'b.yaml'], scenarios: 2 });
    reporter.onScenarioStart?.({ file: 'a.yaml', name: 'a' });
    reporter.onScenarioStart?.({ file: 'b.yaml', name: 'b' });
    await clock.advance(250);
    reporter.onScenarioEnd?.(sampleRun.files[0]!.scenarios[0]!);
    expect(out.pop()).toBe('\r\u001b[2K');
    await clock.advance(250);
    expect(out.pop()).toBe('\r\u001b[2K1/2 scenarios · b.yaml · starting its fleet');
  });
});
