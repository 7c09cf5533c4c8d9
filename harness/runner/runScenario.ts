import { wallNow } from '../../emulator/clock/wallClock.ts';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { ClockHaltedError, type ClockHalt } from '../../emulator/clock/ClockHalt.ts';
import type { ScenarioFailure, ScenarioResult, StepStart } from '../report/RunResult.ts';
import type { Catalogue } from '../catalogue.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import type { StepOutcome } from '../steps/StepKind.ts';
import type { Transport } from '../transport/Transport.ts';
import { buildWorld } from './buildWorld.ts';
import { orHalt } from './orHalt.ts';
import { runStep } from './runStep.ts';
import type { World } from './World.ts';

export interface ScenarioRunOptions {
  seed: number;
  realtime: boolean;
  catalogue: Catalogue;
  transport: (world: World) => Promise<Transport>;
  /** How long devices may take to boot before step 1, in (virtual) ms. */
  bootLimitMs?: number;
  /** Once aborted, the scenario stops after the step in progress and is `interrupted`; the reason names the signal. */
  signal?: AbortSignal;
  /** Told before each step (a progress display). */
  onStepStart?: (info: StepStart) => void;
}

/** Where in the scenario a failure happened. */
type Where = Pick<ScenarioFailure, 'line' | 'path' | 'step' | 'stepKind'>;

/** What a halted clock asks of whoever runs fleetrig. */
const IO_TIMEOUT_HINT = 'raise the limit with --io-timeout <ms>';

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
  // A frame that overran the I/O limit halts virtual time; a step awaiting its reply would wait for ever.
  const halted = world.clock instanceof VirtualClock ? world.clock.whenHalted() : new Promise<never>(() => {});
  const failOnHalt = (halt: ClockHalt, where: Where): void => {
    result.status = 'failed';
    result.failure = { message: `${halt.message}; ${IO_TIMEOUT_HINT}`, ...where };
    world.record('expect', `failed: ${result.failure.message}`);
  };
  let where: Where = { line: scenario.line };
  try {
    const booting = await orHalt(world.time.advanceUntil(() => [...world.devices.values()].every((d) => d.appliance.snapshot().state === 'running'), options.bootLimitMs ?? 10 * 60_000), halted);
    if (!booting.ok) {
      failOnHalt(booting.halt, where);
      return result;
    }
    if (!booting.value) {
      const stuck = [...world.devices.values()].find((d) => d.appliance.snapshot().state !== 'running')!;
      result.status = 'failed';
      result.failure = { message: `${stuck.id} did not reach running before the first step`, device: stuck.id, history: stuck.history, lastMessages: stuck.messages };
      return result;
    }
    for (const step of scenario.steps) {
      if (options.signal?.aborted === true) {
        interrupt(result, options.signal, `before step ${step.index + 1} of ${scenario.steps.length}`, { line: step.line, path: step.path, step: step.index, stepKind: step.kind });
        world.record('expect', `interrupted: ${result.failure!.message}`);
        break;
      }
      where = { line: step.line, path: step.path, step: step.index, stepKind: step.kind };
      options.onStepStart?.({ file: scenario.file, name: scenario.name, index: step.index, steps: scenario.steps.length, kind: step.kind, devices: world.devices.size, elapsed: () => world.elapsed() });
      world.record('step', `${step.path} ${step.kind}`);
      const ran = await orHalt(runStep(options.catalogue, world, step).then(async (outcome) => {
        await world.time.quiesce();
        return outcome;
      }), halted);
      if (!ran.ok) {
        failOnHalt(ran.halt, where);
        return result;
      }
      const outcome = ran.value;
      if (!outcome.ok) {
        result.status = 'failed';
        result.failure = failureOf(world, outcome, where);
        world.record('expect', `failed: ${outcome.error.message}`);
        break;
      }
    }
  } catch (e) {
    if (e instanceof ClockHaltedError) failOnHalt(e.halt, where);
    else {
      // A bug in the rig, not in the scenario: report it as a failure with its stack, keep going.
      result.status = 'failed';
      result.failure = { message: `internal error: ${(e as Error).stack ?? String(e)}` };
    }
  } finally {
    result.virtualMs = world.elapsed();
    result.wallMs = Math.round(wallNow() - started);
    await close();
  }
  return result;
}


/** Marks a scenario cut short by a signal; `when` says where it stopped. */
export function interrupt(result: ScenarioResult, signal: AbortSignal, when: string, where: Where = {}): void {
  result.status = 'interrupted';
  result.failure = { message: `interrupted by ${String(signal.reason ?? 'a signal')} ${when}`, ...where };
}

function failureOf(world: World, outcome: Extract<StepOutcome, { ok: false }>, where: Where): ScenarioFailure {
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
