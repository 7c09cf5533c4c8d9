import { describe, it, expect } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { HOUR } from '../../emulator/clock/duration.ts';
import { BOOT_TIME_MS, REFRESH_INTERVAL_MS, videoMachine, type VideoFirmware } from './videoMachine.ts';

/** The machine with its named implementations logged, and automatic refresh on while `auto` is. */
function start(options: { auto?: boolean } = {}) {
  const clock = new VirtualClock();
  const log: string[] = [];
  let auto = options.auto ?? false;
  const firmware: VideoFirmware = {
    loadSettings: () => void log.push('loadSettings'),
    abortPortalRequests: () => void log.push('abortPortalRequests'),
    refreshLicense: () => void log.push(`refresh@${clock.now() - t0}`),
    scheduleRefresh: () => void log.push('schedule'),
    unscheduleRefresh: () => void log.push('unschedule'),
    autoRefreshOn: () => auto,
  };
  const actor = createActor(videoMachine, { clock, input: firmware });
  const t0 = clock.now();
  actor.start();
  const value = () => JSON.stringify(actor.getSnapshot().value);
  const refreshes = () => log.filter((l) => l.startsWith('refresh@'));
  const boot = async () => {
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS);
  };
  return { clock, actor, log, value, refreshes, boot, setAuto: (on: boolean) => void (auto = on) };
}

describe('videoMachine', () => {
  it('boots on power, taking boot time on the clock and reading NVRAM as it starts running', async () => {
    const { clock, actor, log, value } = start();
    expect(value()).toBe('"off"');
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS - 1);
    expect(value()).toBe('"booting"');
    await clock.advance(1);
    expect(value()).toBe('{"running":"manual"}');
    expect(log).toEqual(['loadSettings']);
  });

  it('goes off on a power cut, reboots on reset, and drops the portal requests of the RAM it leaves', async () => {
    const { actor, log, value, boot } = start();
    await boot();
    actor.send({ type: 'RESET' });
    expect(value()).toBe('"booting"');
    actor.send({ type: 'POWER_OFF' });
    expect(value()).toBe('"off"');
    actor.send({ type: 'RESET' });
    expect(value()).toBe('"off"');
    expect(log).toEqual(['loadSettings', 'abortPortalRequests']);
  });

  it('keeps the calls in RAM only: a reboot drops them', async () => {
    const { actor, boot, clock } = start();
    await boot();
    actor.send({ type: 'ACTIVE_CALLS', count: 3 });
    expect(actor.getSnapshot().context.activeCalls).toBe(3);
    actor.send({ type: 'RESET' });
    expect(actor.getSnapshot().context.activeCalls).toBe(0);
    await clock.advance(BOOT_TIME_MS);
    expect(actor.getSnapshot().context.activeCalls).toBe(0);
  });

  it('[CL-3] with automatic refresh on, refreshes the license every interval on the clock', async () => {
    const { clock, value, refreshes, boot } = start({ auto: true });
    await boot();
    expect(value()).toBe('{"running":"automatic"}');
    await clock.advance(REFRESH_INTERVAL_MS - 1);
    expect(refreshes()).toEqual([]);
    await clock.advance(1);
    await clock.advance(REFRESH_INTERVAL_MS);
    expect(refreshes()).toEqual([`refresh@${BOOT_TIME_MS + REFRESH_INTERVAL_MS}`, `refresh@${BOOT_TIME_MS + 2 * REFRESH_INTERVAL_MS}`]);
  });

  it('[CL-3] never refreshes by itself while automatic refresh is off', async () => {
    const { clock, value, refreshes, boot } = start();
    await boot();
    await clock.advance(10 * REFRESH_INTERVAL_MS);
    expect(value()).toBe('{"running":"manual"}');
    expect(refreshes()).toEqual([]);
  });

  it('[CL-3] switches between manual and automatic when the settings change, scheduling and unscheduling the refresh', async () => {
    const { clock, actor, log, value, refreshes, boot, setAuto } = start();
    await boot();
    setAuto(true);
    expect(value()).toBe('{"running":"manual"}');
    actor.send({ type: 'SETTINGS_CHANGED' });
    expect(value()).toBe('{"running":"automatic"}');
    await clock.advance(HOUR);
    setAuto(false);
    actor.send({ type: 'SETTINGS_CHANGED' });
    expect(value()).toBe('{"running":"manual"}');
    expect(log.slice(-2)).toEqual(['schedule', 'unschedule']);
    await clock.advance(2 * REFRESH_INTERVAL_MS);
    expect(refreshes()).toEqual([]);
  });

  it('[CL-3] a successful update puts the next automatic refresh a full interval away', async () => {
    const { clock, actor, refreshes, boot } = start({ auto: true });
    await boot();
    await clock.advance(REFRESH_INTERVAL_MS - HOUR);
    actor.send({ type: 'UPDATED' });
    await clock.advance(HOUR);
    expect(refreshes()).toEqual([]);
    await clock.advance(REFRESH_INTERVAL_MS - HOUR);
    expect(refreshes()).toEqual([`refresh@${BOOT_TIME_MS + 2 * REFRESH_INTERVAL_MS - HOUR}`]);
  });

  it('[CL-3] a reboot restarts the refresh timer from the new boot', async () => {
    const { clock, actor, refreshes, boot } = start({ auto: true });
    await boot();
    await clock.advance(REFRESH_INTERVAL_MS - HOUR);
    actor.send({ type: 'RESET' });
    await clock.advance(BOOT_TIME_MS + HOUR);
    expect(refreshes()).toEqual([]);
    await clock.advance(REFRESH_INTERVAL_MS - HOUR);
    expect(refreshes()).toEqual([`refresh@${2 * BOOT_TIME_MS + 2 * REFRESH_INTERVAL_MS - HOUR}`]);
  });

  it('takes the refresh interval provided from outside', async () => {
    const clock = new VirtualClock();
    let refreshed = 0;
    const machine = videoMachine.provide({ delays: { refreshInterval: 6 * HOUR } });
    const firmware: VideoFirmware = {
      loadSettings: () => {},
      abortPortalRequests: () => {},
      refreshLicense: () => void refreshed++,
      scheduleRefresh: () => {},
      unscheduleRefresh: () => {},
      autoRefreshOn: () => true,
    };
    const actor = createActor(machine, { clock, input: firmware }).start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(BOOT_TIME_MS + 12 * HOUR);
    expect(refreshed).toBe(2);
  });
});
