import { describe, it, expect } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { DAY } from '../../emulator/clock/duration.ts';
import { AUDIO_BOOT_TIME_MS, audioMachine, HEARTBEAT_INTERVAL_MS, type AudioFirmware } from './audioMachine.ts';
import type { Enrollment } from './AudioCore.ts';

const acme: Enrollment = { accountId: 'acme', provisioningToken: 'token-1', since: 0 };

/** The machine booting with `stored` as its NVRAM enrolment, its heartbeats and aborts logged. */
function start(options: { stored?: Enrollment | null } = {}) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const log: string[] = [];
  const firmware: AudioFirmware = {
    loadSettings: () => options.stored ?? null,
    abortPortalRequests: () => void log.push('abortPortalRequests'),
    sendHeartbeat: () => void log.push(`heartbeat@${clock.now() - t0}`),
  };
  const actor = createActor(audioMachine, { clock, input: firmware });
  actor.start();
  const value = () => JSON.stringify(actor.getSnapshot().value);
  const heartbeats = () => log.filter((l) => l.startsWith('heartbeat@')).map((l) => Number(l.slice('heartbeat@'.length)));
  const boot = async () => {
    actor.send({ type: 'POWER_ON' });
    await clock.advance(AUDIO_BOOT_TIME_MS);
  };
  return { clock, actor, log, value, heartbeats, boot };
}

describe('audioMachine', () => {
  it('boots on power, taking boot time on the clock, into unenrolled with nothing in NVRAM', async () => {
    const { clock, actor, value } = start();
    expect(value()).toBe('"off"');
    actor.send({ type: 'POWER_ON' });
    await clock.advance(AUDIO_BOOT_TIME_MS - 1);
    expect(value()).toBe('"booting"');
    await clock.advance(1);
    expect(value()).toBe('{"running":"unenrolled"}');
    expect(actor.getSnapshot().context.enrollment).toBeNull();
  });

  it('[PC-7] boots straight into enrolled when NVRAM holds an enrolment', async () => {
    const { actor, value, boot } = start({ stored: acme });
    await boot();
    expect(value()).toBe('{"running":"enrolled"}');
    expect(actor.getSnapshot().context.enrollment).toEqual(acme);
  });

  it('[PC-7] sends a heartbeat every interval while enrolled, and none before or after', async () => {
    const { clock, actor, value, heartbeats, boot } = start();
    await boot();
    await clock.advance(3 * HEARTBEAT_INTERVAL_MS);
    expect(heartbeats()).toEqual([]);
    actor.send({ type: 'ENROLLED', enrollment: acme });
    expect(value()).toBe('{"running":"enrolled"}');
    const since = AUDIO_BOOT_TIME_MS + 3 * HEARTBEAT_INTERVAL_MS;
    await clock.advance(2 * HEARTBEAT_INTERVAL_MS);
    expect(heartbeats()).toEqual([since + HEARTBEAT_INTERVAL_MS, since + 2 * HEARTBEAT_INTERVAL_MS]);
    actor.send({ type: 'UNENROLLED' });
    expect(value()).toBe('{"running":"unenrolled"}');
    expect(actor.getSnapshot().context.enrollment).toBeNull();
    await clock.advance(3 * HEARTBEAT_INTERVAL_MS);
    expect(heartbeats()).toHaveLength(2);
  });

  it('[PC-7] a new enrolment while enrolled replaces it without moving the next heartbeat', async () => {
    const { clock, actor, heartbeats, boot } = start({ stored: acme });
    await boot();
    await clock.advance(DAY);
    const other = { ...acme, accountId: 'globex' };
    actor.send({ type: 'ENROLLED', enrollment: other });
    expect(actor.getSnapshot().context.enrollment).toEqual(other);
    await clock.advance(HEARTBEAT_INTERVAL_MS - DAY);
    expect(heartbeats()).toEqual([AUDIO_BOOT_TIME_MS + HEARTBEAT_INTERVAL_MS]);
  });

  it('[PC-7] a reset forgets the RAM and counts the next heartbeat from the new boot', async () => {
    const { clock, actor, log, heartbeats, boot } = start({ stored: acme });
    await boot();
    await clock.advance(HEARTBEAT_INTERVAL_MS - DAY);
    actor.send({ type: 'RESET' });
    expect(actor.getSnapshot().context.enrollment).toBeNull();
    expect(log).toEqual(['abortPortalRequests']);
    await clock.advance(AUDIO_BOOT_TIME_MS + DAY);
    expect(heartbeats()).toEqual([]);
    await clock.advance(HEARTBEAT_INTERVAL_MS - DAY);
    expect(heartbeats()).toEqual([2 * AUDIO_BOOT_TIME_MS + 2 * HEARTBEAT_INTERVAL_MS - DAY]);
  });

  it('[PC-7] sends no heartbeat while off', async () => {
    const { clock, actor, value, heartbeats, boot } = start({ stored: acme });
    await boot();
    actor.send({ type: 'POWER_OFF' });
    expect(value()).toBe('"off"');
    await clock.advance(5 * HEARTBEAT_INTERVAL_MS);
    expect(heartbeats()).toEqual([]);
  });

  it('ignores enrolment events while not running', () => {
    const { actor, value } = start();
    actor.send({ type: 'ENROLLED', enrollment: acme });
    expect(value()).toBe('"off"');
    expect(actor.getSnapshot().context.enrollment).toBeNull();
  });

  it('takes the heartbeat interval provided from outside', async () => {
    const clock = new VirtualClock();
    let beats = 0;
    const machine = audioMachine.provide({ delays: { heartbeatInterval: DAY } });
    const firmware: AudioFirmware = { loadSettings: () => acme, abortPortalRequests: () => {}, sendHeartbeat: () => void beats++ };
    const actor = createActor(machine, { clock, input: firmware }).start();
    actor.send({ type: 'POWER_ON' });
    await clock.advance(AUDIO_BOOT_TIME_MS + 7 * DAY);
    expect(beats).toBe(7);
  });
});
