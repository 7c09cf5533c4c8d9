import { z } from 'zod';
import { scenarioSchema } from './scenarioSchema.ts';
import { PARALLEL } from './parseScenarios.ts';
import type { Catalogue } from '../catalogue.ts';

/**
 * Stable across releases, so a scenario in another repository can name the schema it follows;
 * the file itself ships in the package as scenarios/scenario.schema.json (`fleetrig schema`).
 */
export const SCENARIO_SCHEMA_ID = 'https://fleetrig.dev/schema/scenario.json';

/**
 * The JSON Schema of scenario files, generated from the same zod definitions the loader checks
 * against, so editors autocomplete exactly what the runner accepts.
 */
export function scenarioJsonSchema(catalogue: Catalogue): Record<string, unknown> {
  const say = z.string().optional().describe('Narration: what this step shows, read out in demo mode (`fleetrig serve --demo`).');
  const kinds = [...catalogue.steps.values()];
  const stepOf = (step: (typeof kinds)[number]) => z.object({ [step.kind]: step.args.describe(step.summary), say }).strict().describe(step.summary);
  const inBlock = kinds.filter((step) => !['advance', 'wait'].includes(step.kind)).map(stepOf);
  const parallel = z.object({
    [PARALLEL]: z.array(z.union(inBlock as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])).min(2)
      .describe('Steps started together at one virtual instant; the block ends when all have finished, and reports each that failed. advance, wait and parallel cannot be in it.'),
    say,
  }).strict().describe('Run steps concurrently at one virtual instant, to write a race (docs/scenarios.md, "Parallel blocks").');
  const steps = [...kinds.map(stepOf), parallel];
  const schema = scenarioSchema.extend({
    fleet: z
      .array(scenarioSchema.shape.fleet.element.extend({ family: z.enum([...catalogue.families.keys()] as [string, ...string[]]).describe('The appliance family.') }))
      .min(1)
      .describe(scenarioSchema.shape.fleet.description!),
    steps: z.array(z.union(steps as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])).min(1).describe(scenarioSchema.shape.steps.description!),
  });
  return {
    $id: SCENARIO_SCHEMA_ID,
    title: 'fleetrig scenario',
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
  };
}
