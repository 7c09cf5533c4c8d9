import type { z } from 'zod';
import type { World } from '../runner/World.ts';
import type { Result } from '../../protocol/result.ts';

/**
 * One kind of scenario step (`advance`, `gateway.grant`, `expect`, …): its argument schema and what
 * it does. A step is written in YAML as a one-key mapping, `- kind: args`. Kinds live one per
 * file and are collected in `catalogue.ts`; a family brings its own.
 */
export interface StepKind<A = unknown> {
  readonly kind: string;
  /** What the step does, in one sentence: the JSON Schema shows it in editors. */
  readonly summary: string;
  readonly args: z.ZodType<A>;
  /**
   * How the step runs when one fleet is split across processes (`--fleet-shard`):
   * `devices`, on every shard for the selected devices it owns; `portal`, once, on shard 1,
   * which knows every device's identity; absent, it cannot run split, and a scenario with it
   * is refused before anything starts (docs/scale.md).
   */
  readonly split?: StepSplit;
  run(world: World, args: A): Promise<StepOutcome>;
}

export type StepSplit = 'devices' | 'portal';

/**
 * A step's outcome. `expectError` on an operation step turns a failure with that code into a
 * pass, and a success into a failure, so negative flows read as plainly as positive ones.
 */
export type StepOutcome = Result<unknown> | StepFailure;

/** A failed expectation: what was expected, what was found, on which device. */
export interface StepFailure {
  readonly ok: false;
  readonly error: { code: 'EXPECTATION_FAILED'; message: string };
  readonly device?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
}

export function defineStep<A>(step: StepKind<A>): StepKind<A> {
  return step;
}
