import { describe, expect, it } from 'vitest';
import { createBoard } from '../../emulator/board/createBoard.ts';
import { DAY } from '../../emulator/clock/duration.ts';
import { createSkewedClock } from '../../emulator/clock/skewedClock.ts';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createFactory, manufacture } from '../../emulator/identity/manufacture.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { sealLicenseFile } from '../../protocol/licenseFile.ts';
import { unwrap } from '../../protocol/result.ts';
import { signingKeyFromSeed } from '../../protocol/signing/ed25519.ts';
import { statusText } from '../console/builtinCommands.ts';
import { createGateway } from './createGateway.ts';
import { BOOT_TIME_MS } from './gatewayMachine.ts';

/** A gateway on a board whose own clock can be set back, with a 90-day and a perpetual license in force. */
async function tamperRig() {
  const base = new VirtualClock();
  const clock = createSkewedClock(base);
  const vendorKey = signingKeyFromSeed(createRandom('clock-tamper-vendor').bytes(32));
  const identity = manufacture(createFactory({ random: createRandom('clock-tamper-factory'), clock }), { random: createRandom('clock-tamper'), family: 'gateway' });
  const board = createBoard({ id: 'gw-001', clock, random: createRandom('clock-tamper-board'), identity, link: createMemoryLinkPair().a });
  const gateway = createGateway({ board, vendorPublicKey: vendorKey.publicKey });
  const untilRunning = async () => expect(await base.advanceUntil(() => gateway.snapshot().state === 'running', BOOT_TIME_MS * 2)).toBe(true);
  gateway.start();
  await untilRunning();
  const start = clock.now();
  const file = (licenseId: string, featureCode: string, end: number | null) => sealLicenseFile({
    licenseId, hardwareId: identity.hardwareId, featureCode, count: 4, start, end, transactionType: 'New', kind: 'standard', nonce: `nonce-${licenseId}`, issuedAt: start, issue: 1,
  }, vendorKey);
  unwrap(gateway.page.add(file('TIMED', 'Mobility', start + 90 * DAY)));
  unwrap(gateway.page.add(file('FOREVER', 'Port', null)));
  board.reset();
  await untilRunning();
  return { base, clock, board, gateway, untilRunning };
}

describe('gateway clock tampering', () => {
  it('[TM-1] counts no license with an end while its clock reads earlier than the latest time seen, and says so on every page', async () => {
    const { base, clock, gateway } = await tamperRig();
    await base.advance(100 * DAY);
    clock.skew(-30 * DAY);
    const snapshot = gateway.snapshot();
    expect(snapshot.clockTampered).toMatchObject({ code: 'CLOCK_TAMPERED', clockAt: clock.now() });
    expect(snapshot.licenses.map((l) => [l.licenseId, l.status])).toEqual([['TIMED', 'clock-tampered'], ['FOREVER', 'active']]);
    expect(unwrap(gateway.page.list()).map((r) => r.status)).toEqual(['clock-tampered', 'active']);
    const diagnostics = unwrap(gateway.diagnostics());
    expect(diagnostics.clockTampered?.code).toBe('CLOCK_TAMPERED');
    expect(Object.fromEntries([...diagnostics.gateway, ...diagnostics.pbx].map((u) => [u.featureCode, u.installed]))).toEqual({ Port: 4 });
    expect(statusText(snapshot, clock.now())).toMatch(/^clock +CLOCK_TAMPERED: reads earlier than /m);
  });

  it('[TM-1] stays flagged across a reboot, and clears once the clock has caught up', async () => {
    const { base, clock, board, gateway, untilRunning } = await tamperRig();
    await base.advance(100 * DAY);
    gateway.snapshot();
    clock.skew(-30 * DAY);
    board.reset();
    await untilRunning();
    expect(gateway.snapshot().clockTampered).not.toBeNull();
    expect(gateway.snapshot().licenses.find((l) => l.licenseId === 'TIMED')?.status).toBe('clock-tampered');
    await base.advance(31 * DAY);
    expect(gateway.snapshot().clockTampered).toBeNull();
    expect(gateway.snapshot().licenses.find((l) => l.licenseId === 'TIMED')?.status).toBe('expired');
    expect(statusText(gateway.snapshot(), clock.now())).not.toMatch(/CLOCK_TAMPERED/);
  });

  it('[TM-1] takes a clock set forward as time passing: nothing is flagged', async () => {
    const { clock, gateway } = await tamperRig();
    clock.skew(10 * DAY);
    expect(gateway.snapshot().clockTampered).toBeNull();
    expect(gateway.snapshot().licenses.map((l) => l.status)).toEqual(['active', 'active']);
  });
});
