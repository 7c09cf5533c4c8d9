import { describe, expect, it } from 'vitest';
import type { PacedClockState } from '../../../emulator/clock/pacedClock.ts';
import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import type { Appliance, ApplianceRunState, ApplianceState } from '../../../firmware-sim/shared/Appliance.ts';
import { createLiveFeed, type LiveFeedOptions } from './liveFeed.ts';
import type { LiveMessage } from './liveMessages.ts';

/** An appliance whose state the test sets; it tells its listeners as a real one does. */
function fakeAppliance(deviceId: string) {
  let state: ApplianceState = { deviceId, family: 'gateway', state: 'off', licenses: [] };
  const listeners = new Set<(s: ApplianceState) => void>();
  const appliance: Appliance = {
    deviceId, family: 'gateway', start: () => undefined, stop: () => undefined, history: () => [],
    snapshot: () => state,
    onChange: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  const set = (run: ApplianceRunState): void => {
    state = { ...state, state: run };
    for (const fn of listeners) fn(state);
  };
  return { appliance, set, listeners };
}

function rig(overrides: Partial<LiveFeedOptions> = {}) {
  const timers = new VirtualClock({ start: 0 });
  const devices = new Map(['gw-001', 'gw-002'].map((id) => [id, fakeAppliance(id)]));
  let clockState: PacedClockState = { now: 0, running: true, speed: 1, nextDeadline: null };
  const feed = createLiveFeed({
    devices, timers, stream: 'start-1', flushMs: 100,
    clock: { state: () => clockState }, ...overrides,
  });
  const received: LiveMessage[] = [];
  const listen = (start = {}) => feed.subscribe(start, (messages) => received.push(...messages));
  return {
    timers, devices, feed, received, listen,
    setClock: (next: Partial<PacedClockState>) => (clockState = { ...clockState, ...next }),
    device: (id: string) => devices.get(id)!,
  };
}

describe('the live feed model', () => {
  it('opens with a snapshot of every device and the clock, then numbered changes', async () => {
    const { received, listen, device, timers } = rig();
    listen();
    expect(received).toEqual([{
      type: 'snapshot', seq: 0, stream: 'start-1', clock: { now: 0, running: true, speed: 1, nextDeadline: null },
      devices: [expect.objectContaining({ deviceId: 'gw-001', state: 'off' }), expect.objectContaining({ deviceId: 'gw-002', state: 'off' })],
    }]);
    device('gw-002').set('booting');
    await timers.advance(100);
    expect(received.slice(1)).toEqual([{ type: 'change', seq: 1, device: expect.objectContaining({ deviceId: 'gw-002', state: 'booting' }) }]);
  });

  it('coalesces one flush of changes to one message per device, with its latest state', async () => {
    const { received, listen, device, timers } = rig();
    listen();
    device('gw-001').set('booting');
    device('gw-001').set('running');
    device('gw-002').set('booting');
    device('gw-001').set('off');
    await timers.advance(99);
    expect(received).toHaveLength(1);
    await timers.advance(1);
    expect(received.slice(1).map((m) => m.type === 'change' && [m.seq, m.device.deviceId, m.device.state])).toEqual([
      [1, 'gw-001', 'off'], [2, 'gw-002', 'booting'],
    ]);
    // A quiet flush sends nothing.
    await timers.advance(1_000);
    expect(received).toHaveLength(3);
  });

  it('resumes after `since` with every kept change and no duplicate, then continues live', async () => {
    const { device, timers, feed } = rig();
    const first: LiveMessage[] = [];
    const stop = feed.subscribe({}, (m) => first.push(...m));
    for (const run of ['booting', 'running'] as const) {
      device('gw-001').set(run);
      await timers.advance(100);
    }
    stop();
    const last = first.at(-1);
    const lastSeen = last !== undefined && 'seq' in last ? last.seq : -1;
    expect(lastSeen).toBe(2);
    // Missed while away.
    device('gw-002').set('booting');
    await timers.advance(100);
    device('gw-001').set('off');
    await timers.advance(100);
    const received: LiveMessage[] = [];
    feed.subscribe({ since: lastSeen, stream: 'start-1' }, (m) => received.push(...m));
    device('gw-002').set('running');
    await timers.advance(100);
    expect(received.map((m) => [m.type, 'seq' in m ? m.seq : null])).toEqual([['resume', 2], ['change', 3], ['change', 4], ['change', 5]]);
    expect(received[0]).toMatchObject({ since: 2, replayed: 2 });
  });

  it('answers a since too old, from the future, or from another stream with a snapshot that says why', async () => {
    const { feed, device, timers } = rig({ keep: 2 });
    for (const run of ['booting', 'running', 'off'] as const) {
      device('gw-001').set(run);
      await timers.advance(100);
    }
    const opening = (start: { since?: number; stream?: string }): LiveMessage => {
      let first: LiveMessage | undefined;
      feed.subscribe(start, (m) => (first ??= m[0]))();
      return first!;
    };
    expect(opening({ since: 0 })).toMatchObject({ type: 'snapshot', seq: 3, reason: 'since 0 is older than the oldest change kept (2); only the last 2 are kept' });
    expect(opening({ since: 1 })).toMatchObject({ type: 'resume', replayed: 2 });
    expect(opening({ since: 9 })).toMatchObject({ type: 'snapshot', reason: 'since 9 is ahead of the last change 3' });
    expect(opening({ since: 3, stream: 'start-0' })).toMatchObject({ type: 'snapshot', reason: expect.stringContaining('stream start-0') });
    expect(opening({ since: 3 })).toEqual({ type: 'resume', seq: 3, stream: 'start-1', since: 3, replayed: 0 });
  });

  it('sends the clock when it pauses, changes speed or deadline, or is moved by hand', async () => {
    const { received, listen, timers, setClock, feed } = rig();
    listen();
    setClock({ now: 50 });
    await timers.advance(100);
    expect(received).toHaveLength(1);
    setClock({ running: false });
    await timers.advance(100);
    feed.clockChanged();
    setClock({ now: 60_000 });
    await timers.advance(100);
    expect(received.slice(1)).toEqual([
      { type: 'clock', seq: 1, clock: { now: 50, running: false, speed: 1, nextDeadline: null } },
      { type: 'clock', seq: 2, clock: { now: 60_000, running: false, speed: 1, nextDeadline: null } },
    ]);
  });

  it('follows devices that join or are replaced, tells of those that leave, and stops listening on close', async () => {
    const { received, listen, timers, devices, feed } = rig();
    listen();
    const old = devices.get('gw-001')!;
    devices.set('gw-001', fakeAppliance('gw-001'));
    devices.set('gw-003', fakeAppliance('gw-003'));
    devices.delete('gw-002');
    await timers.advance(100);
    expect(received.slice(1).map((m) => [m.type, 'seq' in m ? m.seq : null])).toEqual([['removed', 1], ['change', 2], ['change', 3]]);
    expect(old.listeners.size).toBe(0);
    feed.close();
    expect(devices.get('gw-003')!.listeners.size).toBe(0);
    expect(timers.nextDeadline()).toBeUndefined();
  });
});
