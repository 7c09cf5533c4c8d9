import { duration } from '../../scenario/fields.ts';
import { formatDuration } from '../../../emulator/clock/duration.ts';
import { defineStep } from '../StepKind.ts';

/** `- advance: 8h` — lets virtual time pass; every timer due meanwhile fires in order. */
export const advance = defineStep({
  kind: 'advance',
  summary: 'Let time pass on the virtual clock (e.g. `8h`, `3mo`); every timer due meanwhile fires in order.',
  args: duration,
  async run(world, ms) {
    await world.time.advance(ms);
    return { ok: true, value: formatDuration(ms) };
  },
});
