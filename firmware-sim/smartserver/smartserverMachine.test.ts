import { describe, it, expect } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { ACTIVATION_TIME_MS, BOOT_TIME_MS, smartserverMachine, type SmartServerFirmware } from './smartserverMachine.ts';

function start() {
  const clock = new VirtualClock();
  const installed: string[][] = [];
  const firmware: SmartServerFirmware = {
    loadSettings: () => {},
    installActivated: (context) => {
      installed.push(context.job!.licenseIds);
      return {};
    },
    abortPortalRequests: () => {},
  };
  const actor = createActor(smartserverMachine, { clock, input: firmware });
  actor.start();
  const value = () => JSON.stringify(actor.getSnapshot().value);
  const job = { licenseIds: ['L1'], installs: [], completesAt: 0 };
  return { clock, actor, value, installed, job };
}

describe('smartserverMachine', () => {
  it('boots on power, taking boot time on the clock', async () => {
    const { clock, actor, value } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS - 1);
    expect(value()).toBe('"booting"');
    await clock.advance(1);
    expect(value()).toBe('{"running":"idle"}');
  });

  it('[SS-5] an activation takes a couple of minutes on the clock after the cloud granted it', async () => {
    const { clock, actor, value, installed, job } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
    actor.send({ type: 'CLAIM' });
    expect(value()).toBe('{"running":"claiming"}');
    actor.send({ type: 'TRANSFER' });
    expect(value()).toBe('{"running":"claiming"}');
    actor.send({ type: 'CLAIMED', job });
    await clock.advance(ACTIVATION_TIME_MS - 1);
    expect(value()).toBe('{"running":"activating"}');
    expect(installed).toEqual([]);
    await clock.advance(1);
    expect(value()).toBe('{"running":"idle"}');
    expect(installed).toEqual([['L1']]);
  });

  it('[SS-5] a reset during an activation forgets it, with the rest of RAM', async () => {
    const { clock, actor, value, installed, job } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
    actor.send({ type: 'EDIT_CUSTOMER_ID', draft: 'typed' });
    actor.send({ type: 'CLAIM' });
    actor.send({ type: 'CLAIMED', job });
    actor.send({ type: 'RESET' });
    const { firmware: _kept, ...ram } = actor.getSnapshot().context;
    expect(ram).toEqual({ job: null, lastActivation: null, downloadList: null, customerIdDraft: null });
    await clock.advance(BOOT_TIME_MS + ACTIVATION_TIME_MS);
    expect(value()).toBe('{"running":"idle"}');
    expect(installed).toEqual([]);
  });

  it('[SS-6] a transfer holds the license work until the cloud answers; REBOOT restarts the firmware', async () => {
    const { clock, actor, value } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
    actor.send({ type: 'TRANSFER' });
    actor.send({ type: 'CLAIM' });
    expect(value()).toBe('{"running":"transferring"}');
    actor.send({ type: 'TRANSFER_DONE' });
    expect(value()).toBe('{"running":"idle"}');
    actor.send({ type: 'REBOOT' });
    expect(value()).toBe('"booting"');
  });
});
