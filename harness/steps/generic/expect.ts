import { z } from 'zod';
import { devices } from '../../scenario/fields.ts';
import { defineStep } from '../StepKind.ts';
import { checksShape, firstMiss } from '../deviceChecks.ts';
import { expectationFailed } from '../outcome.ts';
import type { DeviceFamily } from '../../families/DeviceFamily.ts';

/** `- expect: { devices: gw-*, state: running, pendingReset: false }` — every selected device must pass now. */
export function expectStep(families: readonly DeviceFamily[]) {
  return defineStep({
    kind: 'expect',
    split: 'devices',
    summary: 'Check the selected devices now: every listed field must match (objects match on the keys given).',
    args: z.object({ devices, ...checksShape(families) }).strict(),
    async run(world, { devices: selector, ...checks }) {
      const chosen = world.select(selector);
      if (!chosen.ok) return chosen;
      for (const device of chosen.value) {
        const miss = firstMiss(device, checks);
        if (miss) {
          return expectationFailed(`${miss.device}: expected ${miss.at} to be ${JSON.stringify(miss.expected)}, found ${JSON.stringify(miss.actual)}`, {
            device: miss.device, expected: miss.expected, actual: miss.actual,
          });
        }
      }
      return { ok: true, value: chosen.value.length };
    },
  });
}
