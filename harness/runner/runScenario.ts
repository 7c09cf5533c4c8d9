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
import { HarnessErrorCode } from '../errorCodes.ts';
import type { FleetSplit, StepReport } from '../fleet/FleetSplit.ts';
import { FleetSyncError } from '../fleet/fleetSync.ts';
import { checkSplittable, stepSplit } from '../fleet/splitSteps.ts';
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
  /** Runs this shard's part of a fleet split across processes (`--fleet-shard`). */
  split?: FleetSplit;
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
  const { split } = options;
  if (split !== undefined) {
    const splittable = checkSplittable(scenario, options.catalogue);
    if (!splittable.ok) {
      result.status = 'failed';
      result.failure = { message: splittable.error.message, line: scenario.line };
      return result;
    }
  }
  let built: Awaited<ReturnType<typeof buildWorld>>;
  try {
    built = await buildWorld({ scenario, seed: options.seed, realtime: options.realtime, families: options.catalogue.families, portals: options.catalogue.portals, transport: options.transport, ...(split === undefined ? {} : { split }) });
  } catch (error) {
    // This shard cannot go on in step with the others: leaving tells them, instead of a wait for ever.
    await split?.sync.close();
    if (!(error instanceof FleetSyncError)) throw error;
    built = { ok: false, error: { code: HarnessErrorCode.FleetSplitBroken, message: error.message } };
  }
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
    if (!booting.ok) failOnHalt(booting.halt, where);
    else if (!booting.value) {
      const stuck = [...world.devices.values()].find((d) => d.appliance.snapshot().state !== 'running')!;
      result.status = 'failed';
      result.failure = { message: `${stuck.id} did not reach running before the first step`, device: stuck.id, history: stuck.history, lastMessages: stuck.messages };
    }
    if (split !== undefined) await agreeOnStep(split, world, result, options.signal, undefined, where, 'before the first step');
    if (result.status !== 'passed') return result;
    for (const step of scenario.steps) {
      if (split === undefined && options.signal?.aborted === true) {
        interrupt(result, options.signal, `before step ${step.index + 1} of ${scenario.steps.length}`, { line: step.line, path: step.path, step: step.index, stepKind: step.kind });
        world.record('expect', `interrupted: ${result.failure!.message}`);
        break;
      }
      where = { line: step.line, path: step.path, step: step.index, stepKind: step.kind };
      options.onStepStart?.({ file: scenario.file, name: scenario.name, index: step.index, steps: scenario.steps.length, kind: step.kind, devices: world.devices.size, elapsed: () => world.elapsed() });
      world.record('step', `${step.path} ${step.kind}`);
      // On a split fleet a portal step runs once, on shard 1; the others wait for it at the barrier.
      const here = split === undefined || split.shard.index === 1 || stepSplit(options.catalogue, step) === 'devices';
      const before = split === undefined ? undefined : sharedState(world);
      const ran = here ? await orHalt(runStep(options.catalogue, world, step).then(async (outcome) => {
        await world.time.quiesce();
        return outcome;
      }), halted) : { ok: true as const, value: { ok: true as const, value: undefined } };
      if (!ran.ok) failOnHalt(ran.halt, where);
      else if (!ran.value.ok) {
        result.status = 'failed';
        result.failure = failureOf(world, ran.value, where);
        world.record('expect', `failed: ${ran.value.error.message}`);
      }
      if (split !== undefined) await agreeOnStep(split, world, result, options.signal, before, where, `after step ${step.index + 1} of ${scenario.steps.length}`);
      if (result.status !== 'passed') break;
    }
  } catch (e) {
    if (e instanceof ClockHaltedError) failOnHalt(e.halt, where);
    else if (e instanceof FleetSyncError) {
      result.status = 'failed';
      result.failure = { message: e.message, ...where };
    } else {
      await split?.sync.close();
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


/** The scenario values and order licenses as they stand, to tell the other shards what a step changed. */
function sharedState(world: World): { vars: Map<string, unknown>; orders: Map<string, string[]> } {
  return { vars: new Map(world.vars), orders: new Map([...world.orders].map(([name, o]) => [name, o.licenses])) };
}

/**
 * The barrier after a step of a split fleet: every shard says how its part went and what the
 * step left for later ones, and takes the others' word. A failure or a signal anywhere ends the
 * scenario everywhere, each shard's report naming the one it came from.
 */
async function agreeOnStep(split: FleetSplit, world: World, result: ScenarioResult, signal: AbortSignal | undefined, before: ReturnType<typeof sharedState> | undefined, where: Where, when: string): Promise<void> {
  const report: StepReport = {
    ...(result.status === 'failed' ? { failed: result.failure!.message } : {}),
    ...(signal?.aborted === true ? { interrupted: String(signal.reason ?? 'a signal') } : {}),
    ...(before === undefined ? {} : changedSince(world, before)),
  };
  const all = await split.sync.meet(report);
  all.forEach((other, i) => {
    if (i + 1 === split.shard.index) return;
    for (const [name, value] of other.vars ?? []) world.vars.set(name, value);
    for (const [name, licenses] of other.orders ?? []) {
      const order = world.orders.get(name);
      if (order !== undefined) order.licenses = licenses;
    }
  });
  if (result.status !== 'passed') return;
  const failedAt = all.findIndex((r) => r.failed !== undefined);
  if (failedAt !== -1) {
    result.status = 'failed';
    result.failure = { message: `shard ${failedAt + 1}/${split.shard.total} failed: ${all[failedAt]!.failed!}`, ...where };
    world.record('expect', `failed: ${result.failure.message}`);
    return;
  }
  const stoppedAt = all.findIndex((r) => r.interrupted !== undefined);
  if (stoppedAt !== -1) {
    result.status = 'interrupted';
    result.failure = { message: `interrupted by ${all[stoppedAt]!.interrupted!} on shard ${stoppedAt + 1}/${split.shard.total} ${when}`, ...where };
    world.record('expect', `interrupted: ${result.failure.message}`);
  }
}

function changedSince(world: World, before: ReturnType<typeof sharedState>): Pick<StepReport, 'vars' | 'orders'> {
  const vars = [...world.vars].filter(([name, value]) => before.vars.get(name) !== value);
  const orders = [...world.orders].filter(([name, o]) => before.orders.get(name) !== o.licenses).map(([name, o]): [string, string[]] => [name, o.licenses]);
  return { ...(vars.length === 0 ? {} : { vars }), ...(orders.length === 0 ? {} : { orders }) };
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
