import { z } from 'zod';
import { devices, duration } from '../../scenario/fields.ts';
import { defineStep } from '../StepKind.ts';
import { checksShape, firstMiss } from '../deviceChecks.ts';
import { expectationFailed } from '../outcome.ts';
import { formatDuration } from '../../../emulator/clock/duration.ts';
import type { DeviceFamily } from '../../families/DeviceFamily.ts';

/** `- wait: { devices: gw-001, state: running, within: 5m }` — advances time until the checks hold. */
export function waitStep(families: readonly DeviceFamily[]) {
  return defineStep({
    kind: 'wait',
    split: 'devices',
    summary: 'Advance time until every selected device passes the checks, failing if `within` passes first.',
    args: z.object({ devices, within: duration.describe('How much virtual time to wait at most for the checks to hold, e.g. 2m.'), ...checksShape(families) }).strict(),
    async run(world, { devices: selector, within, ...checks }) {
      const chosen = world.select(selector);
      if (!chosen.ok) return chosen;
      const done = (): boolean => chosen.value.every((d) => firstMiss(d, checks) === undefined);
      if (await world.time.advanceUntil(done, within)) return { ok: true, value: chosen.value.length };
      const miss = chosen.value.map((d) => firstMiss(d, checks)).find((m) => m !== undefined)!;
      return expectationFailed(`${miss.device}: after ${formatDuration(within)}, expected ${miss.at} to be ${JSON.stringify(miss.expected)}, found ${JSON.stringify(miss.actual)}`, {
        device: miss.device, expected: miss.expected, actual: miss.actual,
      });
    },
  });
}
