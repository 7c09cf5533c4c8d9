import { describe, it, expect } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { HOUR } from '../../emulator/clock/duration.ts';
import { BOOT_TIME_MS, gatewayMachine, type GatewayFirmware } from './gatewayMachine.ts';

/** Blank NVRAM, no portal requests to drop. */
const firmware: GatewayFirmware = { loadSettings: () => [], abortPortalRequests: () => {} };

function start() {
  const clock = new VirtualClock();
  const actor = createActor(gatewayMachine, { clock, input: firmware });
  actor.start();
  const value = () => JSON.stringify(actor.getSnapshot().value);
  return { clock, actor, value };
}

describe('gatewayMachine', () => {
  it('boots on power, taking boot time on the clock', async () => {
    const { clock, actor, value } = start();
    expect(value()).toBe('"off"');
    actor.send({ type: 'POWER_ON' });
    expect(value()).toBe('"booting"');
    await clock.advance(BOOT_TIME_MS - 1);
    expect(value()).toBe('"booting"');
    await clock.advance(1);
    expect(value()).toBe('{"running":"normal"}');
  });

  it('goes off on a power cut from any powered state, and reboots on reset', async () => {
    const { clock, actor, value } = start();
    actor.send({ type: 'POWER_ON' });
    actor.send({ type: 'POWER_OFF' });
    expect(value()).toBe('"off"');
    actor.send({ type: 'RESET' });
    expect(value()).toBe('"off"');
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
    actor.send({ type: 'RESET' });
    expect(value()).toBe('"booting"');
  });

  it('[GW-9] test mode switches off after 8 hours by rebooting the device', async () => {
    const { clock, actor, value } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
    actor.send({ type: 'TEST_MODE_ON' });
    expect(value()).toBe('{"running":"testMode"}');
    await clock.advance(8 * HOUR - 1);
    expect(value()).toBe('{"running":"testMode"}');
    await clock.advance(1);
    expect(value()).toBe('"booting"');
    await clock.advance(BOOT_TIME_MS);
    expect(value()).toBe('{"running":"normal"}');
  });

  it('[GW-9] switching test mode off by hand does not reboot, and cancels the 8-hour timer', async () => {
    const { clock, actor, value } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
    actor.send({ type: 'TEST_MODE_ON' });
    actor.send({ type: 'TEST_MODE_OFF' });
    await clock.advance(9 * HOUR);
    expect(value()).toBe('{"running":"normal"}');
  });

  it('[GW-9] a reset ends test mode', async () => {
    const { clock, actor, value } = start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
    actor.send({ type: 'TEST_MODE_ON' });
    actor.send({ type: 'RESET' });
    await clock.advance(BOOT_TIME_MS);
    expect(value()).toBe('{"running":"normal"}');
  });

  it('loads settings through the device\'s firmware on each boot', async () => {
    const clock = new VirtualClock();
    let loads = 0;
    const loadSettings = () => (loads++, []);
    const actor = createActor(gatewayMachine, { clock, input: { ...firmware, loadSettings } }).start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
    actor.send({ type: 'RESET' });
    await clock.advance(BOOT_TIME_MS);
    expect(loads).toBe(2);
  });
});
