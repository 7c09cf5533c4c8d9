import { ClockHaltedError } from '../../../emulator/clock/ClockHalt.ts';
import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import { fail, ok, type Failure, type Result } from '../../../protocol/result.ts';
import type { Catalogue } from '../../catalogue.ts';
import { orHalt } from '../../runner/orHalt.ts';
import { runStep } from '../../runner/runStep.ts';
import type { World } from '../../runner/World.ts';
import type { ParsedStep, Scenario } from '../../scenario/parseScenarios.ts';
import type { StepOutcome } from '../../steps/StepKind.ts';

export type DemoStepStatus = 'pending' | 'running' | 'passed' | 'failed';

/** What went wrong in a step, in the words of the step (as `fleetrig run` reports it). */
export interface DemoFailure {
  message: string;
  code?: string;
  line?: number;
  path?: string;
  device?: string;
  expected?: unknown;
  actual?: unknown;
}

/** One step as `GET /api/v1/demo` shows it. */
export interface DemoStepView {
  index: number;
  kind: string;
  /** The step as written: its kind and arguments. */
  text: string;
  /** Its arguments as written (`{ partner: integrator, name: Campus }`), for a page that follows what a step made. */
  written: unknown;
  /** The step's `say:` narration, when it has one. */
  description?: string;
  line?: number;
  status: DemoStepStatus;
  failure?: DemoFailure;
}

export interface DemoView {
  scenario: { name: string; description?: string; file: string };
  steps: DemoStepView[];
  /** Index of the next step to run; `steps.length` once every step has run or one failed. */
  position: number;
  /** Whether a step is running now. */
  running: boolean;
  /** Whether the running step waits for virtual time to pass (speed it up, or skip to the next deadline). */
  waiting: boolean;
}

/** Steps a scenario on a service's world one at a time, with the runner's step kinds. */
export interface DemoRun {
  view(): DemoView;
  /** Runs the next step; CONFLICT while one runs or when none is left. */
  next(): Promise<Result<DemoView, Failure<'CONFLICT'>>>;
  /** Runs every step left, stopping at the first that fails; CONFLICT while one runs or when none is left. */
  runToEnd(): Promise<Result<DemoView, Failure<'CONFLICT'>>>;
}

export interface DemoRunOptions {
  scenario: Scenario;
  world: World;
  catalogue: Catalogue;
  /** How long, in virtual ms, the fleet may take to boot before step 1; 10 min by default. */
  bootLimitMs?: number;
  /** Whether a step waits on the clock now (the world's time driver knows). */
  waiting?: () => boolean;
}

/** What a halted clock asks of whoever runs fleetrig (as `fleetrig run` says it). */
const IO_TIMEOUT_HINT = 'raise the limit with --io-timeout <ms>';

export function createDemoRun(options: DemoRunOptions): DemoRun {
  const { scenario, world, catalogue } = options;
  const steps: DemoStepView[] = scenario.steps.map((step) => ({
    index: step.index, kind: step.kind, text: stepText(step), written: step.written ?? null,
    ...(step.say === undefined ? {} : { description: step.say }),
    ...(step.line === undefined ? {} : { line: step.line }),
    status: 'pending',
  }));
  let position = 0;
  let running = false;
  let booted = false;
  const halted = world.clock instanceof VirtualClock ? world.clock.whenHalted() : new Promise<never>(() => {});

  const view = (): DemoView => ({
    scenario: { name: scenario.name, ...(scenario.description === undefined ? {} : { description: scenario.description }), file: scenario.file },
    steps: steps.map((s) => ({ ...s })),
    position,
    running,
    waiting: running && (options.waiting?.() ?? false),
  });

  const refusal = (): Result<never, Failure<'CONFLICT'>> | undefined => {
    if (running) return fail('CONFLICT', `step ${position + 1} of ${steps.length} (${steps[position]?.kind}) is still running; wait for it to finish (GET /api/v1/demo shows it), or move the clock on (POST /api/v1/clock/next-deadline)`);
    if (position >= steps.length) return fail('CONFLICT', `no more steps: all ${steps.length} steps have run${steps.some((s) => s.status === 'failed') ? ' or one failed' : ''}; POST /api/v1/demo/restart starts again`);
    return undefined;
  };

  /** Runs the step at `position` and moves on; after a failure no step is left. */
  async function runOne(): Promise<void> {
    const parsed = scenario.steps[position]!;
    const shown = steps[position]!;
    shown.status = 'running';
    const where = { path: parsed.path, ...(parsed.line === undefined ? {} : { line: parsed.line }) };
    const failure = await attempt(parsed, where);
    shown.status = failure === undefined ? 'passed' : 'failed';
    if (failure !== undefined) {
      shown.failure = failure;
      world.record('expect', `failed: ${failure.message}`);
      position = steps.length;
    } else {
      position += 1;
    }
  }

  async function attempt(parsed: ParsedStep, where: { path: string; line?: number }): Promise<DemoFailure | undefined> {
    try {
      if (!booted) {
        const boot = await bootFleet();
        if (boot !== undefined) return { ...boot, ...where };
        booted = true;
      }
      world.record('step', `${parsed.path} ${parsed.kind}`);
      const ran = await orHalt(runStep(catalogue, world, parsed).then(async (outcome) => {
        await world.time.quiesce();
        return outcome;
      }), halted);
      if (!ran.ok) return { message: `${ran.halt.message}; ${IO_TIMEOUT_HINT}`, ...where };
      return ran.value.ok ? undefined : failureOf(ran.value, where);
    } catch (e) {
      if (e instanceof ClockHaltedError) return { message: `${e.halt.message}; ${IO_TIMEOUT_HINT}`, ...where };
      // A bug in the rig, not in the scenario: shown as the step's failure, with its stack.
      return { message: `internal error: ${(e as Error).stack ?? String(e)}`, ...where };
    }
  }

  /** Before step 1, as in a scenario run: every device of the fleet has booted. */
  async function bootFleet(): Promise<DemoFailure | undefined> {
    const running = (): boolean => [...world.devices.values()].every((d) => d.appliance.snapshot().state === 'running');
    if (await world.time.advanceUntil(running, options.bootLimitMs ?? 10 * 60_000)) return undefined;
    const stuck = [...world.devices.values()].find((d) => d.appliance.snapshot().state !== 'running')!;
    return { message: `${stuck.id} did not reach running before the first step`, device: stuck.id };
  }

  async function exclusively(work: () => Promise<void>): Promise<Result<DemoView, Failure<'CONFLICT'>>> {
    const refused = refusal();
    if (refused !== undefined) return refused;
    running = true;
    try {
      await work();
    } finally {
      running = false;
    }
    return ok(view());
  }

  return {
    view,
    next: () => exclusively(runOne),
    runToEnd: () => exclusively(async () => {
      while (position < steps.length) await runOne();
    }),
  };
}

function failureOf(outcome: Extract<StepOutcome, { ok: false }>, where: { path: string; line?: number }): DemoFailure {
  const failure: DemoFailure = { message: outcome.error.message, code: outcome.error.code, ...where };
  const detail = outcome as { device?: string; expected?: unknown; actual?: unknown };
  if (detail.device !== undefined) failure.device = detail.device;
  if (detail.expected !== undefined) failure.expected = detail.expected;
  if (detail.actual !== undefined) failure.actual = detail.actual;
  return failure;
}

/** `order.activate { order: fleet }`: the step as written, on one line. */
function stepText(step: ParsedStep): string {
  const written = step.written;
  if (written === undefined || written === null) return step.kind;
  if (typeof written !== 'object') return `${step.kind}: ${String(written)}`;
  return `${step.kind}: ${flow(written)}`;
}

/** A value in YAML's flow style, as scenarios write it: `{ devices: "*", count: 20 }`. */
function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }`;
  if (typeof value === 'string') return /^[\w.@/-]+$/.test(value) ? value : JSON.stringify(value);
  return String(value);
}
