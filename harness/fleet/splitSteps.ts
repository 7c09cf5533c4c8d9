import { fail, ok, type Result } from '../../protocol/result.ts';
import { HarnessErrorCode } from '../errorCodes.ts';
import type { Catalogue } from '../catalogue.ts';
import type { ParsedStep, Scenario } from '../scenario/parseScenarios.ts';
import type { StepSplit } from '../steps/StepKind.ts';

/** How a parsed step runs on a split fleet; a `parallel:` block splits when all its steps run on every shard. */
export function stepSplit(catalogue: Pick<Catalogue, 'steps'>, step: ParsedStep): StepSplit | undefined {
  if (step.steps === undefined) return catalogue.steps.get(step.kind)?.split;
  return step.steps.every((child) => stepSplit(catalogue, child) === 'devices') ? 'devices' : undefined;
}

/**
 * Whether a scenario can run on a split fleet: every step runs on each shard's own devices, or
 * once in the portal. Refused, naming the first step that cannot, before anything starts.
 */
export function checkSplittable(scenario: Scenario, catalogue: Pick<Catalogue, 'steps'>): Result<void> {
  for (const step of scenario.steps) {
    if (stepSplit(catalogue, step) !== undefined) continue;
    const at = `${scenario.file}${step.line === undefined ? '' : `:${step.line}`} ${step.path}`;
    const what = step.steps === undefined ? `'${step.kind}'` : 'this parallel block (its steps must all run on every shard)';
    return fail(HarnessErrorCode.ScenarioNotSplittable, `${at}: ${what} cannot run on a fleet split across processes (docs/scale.md lists the steps that can); run the scenario without --fleet-shard`, step.path);
  }
  return ok(undefined);
}
