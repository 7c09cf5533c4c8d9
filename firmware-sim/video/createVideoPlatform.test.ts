import { describe, it, expect } from 'vitest';
import { HOUR } from '../../emulator/clock/duration.ts';
import { BOOT_TIME_MS } from './videoMachine.ts';
import { createVideoRig } from './testing/videoRig.ts';

describe('createVideoPlatform', () => {
  it('powers the board on at start and takes boot time to run', async () => {
    const { clock, board, device } = createVideoRig();
    expect(device.snapshot()).toMatchObject({ deviceId: 'cl-001', family: 'video', variant: 'core', state: 'off', licenses: [] });
    device.start();
    expect(board.power.isOn()).toBe(true);
    expect(device.snapshot().state).toBe('booting');
    await clock.advance(BOOT_TIME_MS);
    expect(device.snapshot()).toMatchObject({ state: 'running', mode: 'standard', autoRefresh: false, nextRefreshAt: null, nvramProblem: null });
    expect(device.history().map((h) => [h.state, h.event])).toEqual([
      ['off', undefined],
      ['booting', 'POWER_ON'],
      ['running', 'after:bootTime'],
    ]);
  });

  it('refuses every operation with NOT_RUNNING while off or booting', async () => {
    const { device } = createVideoRig();
    device.start();
    const refusals = [
      device.licenses.view(),
      device.licenses.configure({ name: 'core-01' }),
      device.licenses.licenseProduct(),
      device.licenses.processResponseCode('RSP1.x'),
      device.conferencing.setActiveCalls(1),
      await device.licenses.updateLicense(),
    ];
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
    expect(device.entitlements()).toEqual({});
  });

  it('refuses a variant or a refresh interval it cannot run', () => {
    expect(() => createVideoRig({ variant: 'studio' as never })).toThrow(/variant must be one of core, manager, got 'studio'/);
    expect(() => createVideoRig({ refreshIntervalMs: 0 })).toThrow(/refreshIntervalMs must be between 1 ms and 24.8 days/);
    expect(() => createVideoRig({ refreshIntervalMs: 30 * 24 * HOUR })).toThrow(RangeError);
  });

  it('boots with blank settings from an unreadable image, and says why', async () => {
    const { board, device, boot } = createVideoRig();
    board.power.restore();
    board.nvram.commit(new TextEncoder().encode('{"version":7}'));
    await boot();
    expect(device.snapshot()).toMatchObject({ state: 'running', mode: 'standard', nvramProblem: expect.stringContaining('version') });
    expect(device.licenses.configure({ name: 'core-01' }).ok).toBe(true);
  });

  it('tells listeners of each change, and stops for good', async () => {
    const { clock, device, boot } = createVideoRig();
    const seen: string[] = [];
    device.onChange((s) => seen.push(s.state));
    await boot();
    expect(seen).toEqual(['booting', 'running']);
    device.stop();
    expect(device.snapshot().state).toBe('off');
    await clock.advance(HOUR);
    expect(clock.pendingTimers()).toBe(0);
  });
});
