import { describe, it, expect } from 'vitest';
import { createActor, setup } from 'xstate';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { powerStates, type PowerEvent } from './powerStates.ts';

/** The smallest machine on the shared skeleton, logging the skeleton's named actions. */
function start() {
  const log: string[] = [];
  const machine = setup({
    types: { events: {} as PowerEvent | { type: 'PING' } },
    actions: {
      forgetRam: () => log.push('forgetRam'),
      loadSettings: () => log.push('loadSettings'),
      abortPortalRequests: () => log.push('abortPortalRequests'),
      pong: () => log.push('pong'),
    },
    delays: { bootTime: 1_000 },
  }).createMachine({
    id: 'tiny',
    initial: 'off',
    states: powerStates({ running: { on: { PING: { actions: 'pong' } } } }),
  });
  const clock = new VirtualClock();
  const actor = createActor(machine, { clock });
  actor.start();
  return { clock, actor, log, value: () => actor.getSnapshot().value };
}

describe('powerStates', () => {
  it('boots on power after the boot time, reading NVRAM as it starts running', async () => {
    const { clock, actor, log, value } = start();
    expect(value()).toBe('off');
    actor.send({ type: 'POWER_ON' });
    await clock.advance(999);
    expect(value()).toBe('booting');
    await clock.advance(1);
    expect(value()).toBe('running');
    expect(log).toEqual(['forgetRam', 'forgetRam', 'loadSettings']);
  });

  it('keeps the family\'s own events in running beside power and reset', async () => {
    const { clock, actor, log } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(1_000);
    actor.send({ type: 'PING' });
    expect(log.at(-1)).toBe('pong');
    actor.send({ type: 'RESET' });
    expect(log.slice(-2)).toEqual(['abortPortalRequests', 'forgetRam']);
  });

  it('starts the boot again on a reset while booting, and turns off on a power cut from any state', async () => {
    const { clock, actor, value } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(900);
    actor.send({ type: 'RESET' });
    await clock.advance(900);
    expect(value()).toBe('booting');
    await clock.advance(100);
    expect(value()).toBe('running');
    actor.send({ type: 'POWER_OFF' });
    expect(value()).toBe('off');
    actor.send({ type: 'RESET' });
    expect(value()).toBe('off');
  });
});
