import { z } from 'zod';
import { scenarioSchema } from './scenarioSchema.ts';
import type { Catalogue } from '../catalogue.ts';

/**
 * The JSON Schema of scenario files, generated from the same zod definitions the loader checks
 * against, so editors autocomplete exactly what the runner accepts.
 */
export function scenarioJsonSchema(catalogue: Catalogue): Record<string, unknown> {
  const steps = [...catalogue.steps.values()].map((step) =>
    z.object({ [step.kind]: step.args, say: z.string().optional().describe('Narration: what this step shows, read out in demo mode (`fleetrig serve --demo`).') }).strict().describe(step.summary),
  );
  const schema = scenarioSchema.extend({
    fleet: z.array(scenarioSchema.shape.fleet.element.extend({ family: z.enum([...catalogue.families.keys()] as [string, ...string[]]) })).min(1),
    steps: z.array(z.union(steps as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])).min(1),
  });
  return {
    $id: 'https://fleetrig.dev/schema/scenario.json',
    title: 'fleetrig scenario',
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
  };
}
