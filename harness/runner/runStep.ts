import type { Catalogue } from '../catalogue.ts';
import type { ParsedStep } from '../scenario/parseScenarios.ts';
import type { StepOutcome } from '../steps/StepKind.ts';
import { expectationFailed } from '../steps/outcome.ts';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import type { World } from './World.ts';

/**
 * Runs one parsed step: its kind's `run`, or for a `parallel:` block every step in it at once.
 *
 * A parallel block is one virtual instant. Its steps are started in the order written, each
 * before any has awaited anything; their asynchronous work (portal calls, messages to and from
 * devices) then interleaves as the event loop and the clock's deliveries order it, which is the
 * same on every run of a seed. The block ends when every step has finished, and the world has
 * quiesced, without virtual time having moved: `advance` and `wait` are refused in a block at
 * load time, and a step that moves time anyway fails the block. Every failing step is reported,
 * in the order written.
 */
export async function runStep(catalogue: Pick<Catalogue, 'steps'>, world: World, step: ParsedStep): Promise<StepOutcome> {
  if (step.steps === undefined) return catalogue.steps.get(step.kind)!.run(world, step.args);
  const startedAt = world.elapsed();
  for (const child of step.steps) world.record('step', `${child.path} ${child.kind}`);
  const outcomes = await Promise.all(step.steps.map((child) => catalogue.steps.get(child.kind)!.run(world, child.args)));
  await world.time.quiesce();
  const failed = step.steps.flatMap((child, i) => {
    const outcome = outcomes[i]!;
    return outcome.ok ? [] : [{ child, outcome }];
  });
  const moved = world.elapsed() - startedAt;
  // Under --realtime the wall clock moves while steps work; only virtual time can stand still.
  if (moved > 0 && world.clock instanceof VirtualClock) return expectationFailed(`the parallel block moved virtual time by ${moved} ms; its steps must all run at one instant`);
  if (failed.length === 0) return { ok: true, value: outcomes.map((o) => (o as { value: unknown }).value) };
  const first = failed[0]!.outcome as Extract<StepOutcome, { ok: false }> & { device?: string; expected?: unknown; actual?: unknown };
  const lines = failed.map(({ child, outcome }) => `${child.path}${child.line === undefined ? '' : ` (line ${child.line})`} ${child.kind}: ${(outcome as { error: { message: string } }).error.message}`);
  const message = `${failed.length} of ${step.steps.length} parallel steps failed: ${lines.join('; ')}`;
  return { ok: false, error: { code: 'EXPECTATION_FAILED', message }, ...(first.device === undefined ? {} : { device: first.device }), ...(first.expected === undefined ? {} : { expected: first.expected }), ...(first.actual === undefined ? {} : { actual: first.actual }) };
}
