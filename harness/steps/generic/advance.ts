import { calendarDuration } from '../../scenario/fields.ts';
import { addDuration, formatCalendarDuration, formatDuration } from '../../../emulator/clock/duration.ts';
import { defineStep } from '../StepKind.ts';

/**
 * `- advance: 8h` — lets virtual time pass; every timer due meanwhile fires in order. Months and
 * years are calendar ones from the clock's present: `advance: 3mo` on May 1st ends on August 1st.
 */
export const advance = defineStep({
  kind: 'advance',
  split: 'devices',
  summary: 'Let time pass on the virtual clock (e.g. `8h`, `3mo`: calendar months); every timer due meanwhile fires in order.',
  args: calendarDuration,
  async run(world, duration) {
    const now = world.clock.now();
    const ms = addDuration(now, duration) - now;
    await world.time.advance(ms);
    return { ok: true, value: duration.months === 0 ? formatDuration(ms) : `${formatCalendarDuration(duration)} (${formatDuration(ms)})` };
  },
});
