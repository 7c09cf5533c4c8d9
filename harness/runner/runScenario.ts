import { wallNow } from '../../emulator/clock/wallClock.ts';
import type { ScenarioFailure, ScenarioResult } from '../report/RunResult.ts';
import type { Catalogue } from '../catalogue.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import type { StepOutcome } from '../steps/StepKind.ts';
import type { Transport } from '../transport/Transport.ts';
import { buildWorld } from './buildWorld.ts';
import type { World } from './World.ts';

export interface ScenarioRunOptions {
  seed: number;
  realtime: boolean;
  catalogue: Catalogue;
  transport: (world: World) => Promise<Transport>;
  /** How long devices may take to boot before step 1, in (virtual) ms. */
  bootLimitMs?: number;
}

/** Runs one scenario on a fresh fleet and reports what happened, step by step. */
export async function runScenario(scenario: Scenario, options: ScenarioRunOptions): Promise<ScenarioResult> {
  const started = wallNow();
  const result: ScenarioResult = {
    file: scenario.file, name: scenario.name, ids: scenario.ids, status: 'passed',
    devices: 0, steps: scenario.steps.length, virtualMs: 0, wallMs: 0, trace: [],
  };
  const built = await buildWorld({ scenario, seed: options.seed, realtime: options.realtime, families: options.catalogue.families, portals: options.catalogue.portals, transport: options.transport });
  if (!built.ok) {
    result.status = 'failed';
    result.failure = { message: built.error.message, line: scenario.line };
    result.wallMs = Math.round(wallNow() - started);
    return result;
  }
  const { world, close } = built.value;
  result.devices = world.devices.size;
  result.trace = world.trace;
  try {
    const booted = await world.time.advanceUntil(() => [...world.devices.values()].every((d) => d.appliance.snapshot().state === 'running'), options.bootLimitMs ?? 10 * 60_000);
    if (!booted) {
      const stuck = [...world.devices.values()].find((d) => d.appliance.snapshot().state !== 'running')!;
      result.status = 'failed';
      result.failure = { message: `${stuck.id} did not reach running before the first step`, device: stuck.id, history: stuck.history, lastMessages: stuck.messages };
      return result;
    }
    for (const step of scenario.steps) {
      world.record('step', `${step.path} ${step.kind}`);
      const outcome = await options.catalogue.steps.get(step.kind)!.run(world, step.args);
      await world.time.quiesce();
      if (!outcome.ok) {
        result.status = 'failed';
        result.failure = failureOf(world, outcome, { line: step.line, path: step.path, step: step.index, stepKind: step.kind });
        world.record('expect', `failed: ${outcome.error.message}`);
        break;
      }
    }
  } catch (e) {
    // A bug in the rig, not in the scenario: report it as a failure with its stack, keep going.
    result.status = 'failed';
    result.failure = { message: `internal error: ${(e as Error).stack ?? String(e)}` };
  } finally {
    result.virtualMs = world.elapsed();
    result.wallMs = Math.round(wallNow() - started);
    await close();
  }
  return result;
}


function failureOf(world: World, outcome: Extract<StepOutcome, { ok: false }>, where: Pick<ScenarioFailure, 'line' | 'path' | 'step' | 'stepKind'>): ScenarioFailure {
  const failure: ScenarioFailure = { message: outcome.error.message, ...where };
  const detail = outcome as { device?: string; expected?: unknown; actual?: unknown };
  if (detail.expected !== undefined) failure.expected = detail.expected;
  if (detail.actual !== undefined) failure.actual = detail.actual;
  if (detail.device !== undefined) {
    failure.device = detail.device;
    const device = world.devices.get(detail.device);
    if (device) {
      failure.history = [...device.history];
      failure.lastMessages = [...device.messages];
    }
  }
  return failure;
}
