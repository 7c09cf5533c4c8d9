import { describe, it, expect } from 'vitest';
import { HOUR } from '../../emulator/clock/duration.ts';
import { unwrap } from '../../protocol/result.ts';
import { BOOT_TIME_MS } from './gatewayMachine.ts';
import { createGatewayRig } from './testing/gatewayRig.ts';

describe('createGateway', () => {
  it('powers the board on at start and takes boot time to run', async () => {
    const { clock, board, device: gateway } = createGatewayRig();
    expect(gateway.snapshot()).toMatchObject({ deviceId: 'gw-001', family: 'gateway', state: 'off' });
    gateway.start();
    expect(board.power.isOn()).toBe(true);
    expect(gateway.snapshot().state).toBe('booting');
    await clock.advance(BOOT_TIME_MS);
    expect(gateway.snapshot()).toMatchObject({ state: 'running', licenses: [], pendingReset: false });
    expect(gateway.history().map((h) => [h.state, h.event])).toEqual([
      ['off', undefined],
      ['booting', 'POWER_ON'],
      ['running', 'after:bootTime'],
    ]);
  });

  it('refuses every operation with NOT_RUNNING while off or booting', async () => {
    const { device: gateway, licenseFile } = createGatewayRig();
    gateway.start();
    const refusals = [
      gateway.page.add(licenseFile()),
      gateway.page.delete('LIC-1'),
      gateway.page.download('LIC-1'),
      gateway.page.list(),
      gateway.pbx.addUser('alice'),
      gateway.testMode.on(),
      gateway.gateway.setChannelsInUse(1),
      gateway.diagnostics(),
      await gateway.portal.download(),
    ];
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
  });

  it('goes off on a power cut and boots again when power returns', async () => {
    const { board, device: gateway, boot, untilRunning } = createGatewayRig();
    await boot();
    board.power.cut();
    expect(gateway.snapshot().state).toBe('off');
    board.power.restore();
    expect(gateway.snapshot().state).toBe('booting');
    await untilRunning();
    expect(gateway.history().map((h) => h.state)).toEqual(['off', 'booting', 'running', 'off', 'booting', 'running']);
  });

  it('[GW-9] test mode lifts every limit, then after 8 hours switches off and reboots the device', async () => {
    const { clock, device: gateway, boot, untilRunning } = createGatewayRig();
    await boot();
    unwrap(gateway.pbx.addUser('alice'));
    expect(gateway.pbx.grant('alice', 'Video')).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
    const on = unwrap(gateway.testMode.on());
    expect(on.until).toBe(clock.now() + 8 * HOUR);
    expect(gateway.pbx.grant('alice', 'Video').ok).toBe(true);
    expect(gateway.gateway.setChannelsInUse(500).ok).toBe(true);
    expect(gateway.snapshot().testMode).toEqual({ on: true, until: on.until });

    await clock.advance(8 * HOUR - 1);
    expect(gateway.testMode.isOn()).toBe(true);
    await clock.advance(1);
    expect(gateway.snapshot()).toMatchObject({ state: 'booting', testMode: { on: false } });
    expect(gateway.history().slice(-2)).toEqual([
      { at: on.until - 8 * HOUR, state: 'running.testMode', event: 'TEST_MODE_ON' },
      { at: on.until, state: 'booting', event: 'after:testModeDuration' },
    ]);
    await untilRunning();
    expect(gateway.testMode.isOn()).toBe(false);
    expect(gateway.gateway.setChannelsInUse(1)).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
  });

  it('[GW-9] test mode can be switched on again any number of times, with the link down', async () => {
    const { clock, wire, device: gateway, boot, untilRunning } = createGatewayRig();
    wire.setUp(false);
    await boot();
    for (let round = 0; round < 3; round++) {
      expect(gateway.testMode.on().ok).toBe(true);
      await clock.advance(8 * HOUR);
      await untilRunning();
    }
    expect(gateway.history().filter((h) => h.state === 'running.testMode')).toHaveLength(3);
    expect(gateway.testMode.on().ok).toBe(true);
    expect(unwrap(gateway.testMode.off())).toEqual({ on: false });
    expect(gateway.snapshot()).toMatchObject({ state: 'running', testMode: { on: false, until: null } });
  });

  it('[GW-9] a manual reset ends test mode', async () => {
    const { device: gateway, boot, reset } = createGatewayRig();
    await boot();
    unwrap(gateway.testMode.on());
    await reset();
    expect(gateway.testMode.isOn()).toBe(false);
  });

  it('tells listeners of each change, and stops for good', async () => {
    const { clock, device: gateway, boot } = createGatewayRig();
    const seen: string[] = [];
    gateway.onChange((s) => seen.push(s.state));
    await boot();
    expect(seen).toEqual(['booting', 'running']);
    gateway.stop();
    expect(gateway.snapshot().state).toBe('off');
    await clock.advance(HOUR);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('createGateway with damaged NVRAM', () => {
  it('boots with blank settings from an unreadable image, and says why', async () => {
    const { board, device: gateway, boot } = createGatewayRig();
    board.power.restore();
    board.nvram.commit(new TextEncoder().encode('{"version":7}'));
    await boot();
    expect(gateway.snapshot()).toMatchObject({ state: 'running', licenses: [], nvramProblem: expect.stringContaining('version') });
    expect(gateway.pbx.addUser('alice').ok).toBe(true);
  });
});
