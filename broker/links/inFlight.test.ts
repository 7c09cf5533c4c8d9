import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createInFlight, frameId } from './inFlight.ts';

describe('createInFlight', () => {
  it('holds the virtual clock until the reply to each open request is through', async () => {
    const clock = new VirtualClock();
    const inFlight = createInFlight({ clock });
    inFlight.open('r1');
    inFlight.open('r1');
    let quiet = false;
    const quiesced = clock.quiesce().then(() => (quiet = true));
    inFlight.settle('r1');
    inFlight.settle('other');
    await new Promise((resolve) => setImmediate(resolve));
    expect([quiet, inFlight.size()]).toEqual([false, 1]);
    inFlight.settle('r1');
    await quiesced;
    expect(inFlight.size()).toBe(0);
  });

  it('lets go after the wall-clock cap, or of everything at once when the link goes down', async () => {
    const clock = new VirtualClock();
    const capped = createInFlight({ clock, capMs: 5 });
    capped.open('never answered');
    await clock.quiesce();
    expect(capped.size()).toBe(0);
    const released = createInFlight({ clock });
    released.open('a');
    released.open('b');
    released.releaseAll();
    await clock.quiesce();
    expect(released.size()).toBe(0);
  });

  it('tracks nothing without a clock', () => {
    const inFlight = createInFlight({ clock: undefined });
    inFlight.open('x');
    expect(inFlight.size()).toBe(0);
  });

  it.each([
    ['{"id":"r1","op":"x"}', 'r1'], ['{"id":""}', undefined], [`{"id":"${'x'.repeat(65)}"}`, undefined],
    ['{"id":7}', undefined], ['[1]', undefined], ['null', undefined], ['not json', undefined],
  ])('reads the ID of %s as %s', (frame, id) => {
    expect(frameId(frame)).toBe(id);
  });
});
