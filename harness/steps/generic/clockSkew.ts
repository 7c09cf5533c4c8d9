import { z } from 'zod';
import { formatDuration, parseDuration } from '../../../emulator/clock/duration.ts';
import { devices } from '../../scenario/fields.ts';
import { defineStep } from '../StepKind.ts';

/**
 * `-30d`, `2h`, `+1d`: a duration with an optional sign, for setting a device clock back or
 * forward. Written out as a pattern so the JSON Schema carries it.
 */
const SIGNED_DURATION_PATTERN = /^\s*[+-]?(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+\s*$/;
const signedDuration = z
  .string()
  .regex(SIGNED_DURATION_PATTERN, 'expected a duration with an optional sign, such as -30d or +2h')
  .transform((s, ctx) => {
    const text = s.trim();
    const parsed = parseDuration(text.replace(/^[+-]/, ''));
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return text.startsWith('-') ? -parsed.value.ms : parsed.value.ms;
  })
  .describe('How far to move the device clock: `-30d` sets it back 30 days, `2h` forward.');

/** `- clockSkew: { device: gw-001, by: -30d }` — [TM-1] someone sets the device clock back (or forward). */
export const clockSkew = defineStep({
  kind: 'clockSkew',
  split: 'devices',
  summary: "Set the selected devices' own clocks forward or back (`by: -30d`) while virtual time goes on. A device remembers the latest time it has seen and flags a clock set back as tampered (TM-1).",
  args: z.object({
    device: devices.describe('The devices whose clocks change: an ID, a `*` glob, or a list.'),
    by: signedDuration,
  }).strict(),
  async run(world, { device: selector, by }) {
    const chosen = world.select(selector);
    if (!chosen.ok) return chosen;
    for (const device of chosen.value) {
      world.record('fault', `clockSkew ${by < 0 ? '-' : '+'}${formatDuration(Math.abs(by))}`, device.id);
      device.clock.skew(by);
    }
    return { ok: true, value: chosen.value.length };
  },
});
