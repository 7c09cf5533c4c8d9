import { describe, it, expect } from 'vitest';
import { signingKeyFromSeed } from '../../protocol/signing/ed25519.ts';
import { sealLicenseFile } from '../../protocol/licenseFile.ts';
import { unwrap } from '../../protocol/result.ts';
import { createGatewayRig } from './testing/gatewayRig.ts';

describe('License page', () => {
  it('[GW-2] refuses a license bound to another hardware ID, saying whose it is', async () => {
    const { device: gateway, identity, licenseFile, boot } = createGatewayRig();
    await boot();
    const result = gateway.page.add(licenseFile({ hardwareId: '009033FFFFFF' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'LICENSE_FOREIGN_HARDWARE' } });
    if (!result.ok) expect(result.error.message).toContain(`bound to hardware ID 009033FFFFFF, not to this device (${identity.hardwareId})`);
    expect(unwrap(gateway.page.list())).toEqual([]);
  });

  it('[GW-2] refuses a forged or tampered file with SIGNATURE_INVALID, and junk with ENVELOPE_MALFORMED', async () => {
    const { device: gateway, identity, licenseFile, boot } = createGatewayRig();
    await boot();
    const forger = signingKeyFromSeed(new Uint8Array(32).fill(7));
    const forged = sealLicenseFile(
      { licenseId: 'X', hardwareId: identity.hardwareId, featureCode: 'Mobility', count: 999, start: 0, end: null, transactionType: 'New', kind: 'standard', nonce: 'abcdefgh', issuedAt: 0 },
      forger,
    );
    expect(gateway.page.add(forged)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    const [kind, body, sig] = licenseFile().split('.');
    const tampered = `${kind}.${body!.slice(0, -2)}AA.${sig}`;
    expect(gateway.page.add(tampered)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
    expect(gateway.page.add('hello')).toMatchObject({ ok: false, error: { code: 'ENVELOPE_MALFORMED' } });
    expect(gateway.page.add('')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'fileText' } });
    expect(gateway.page.add(42 as unknown as string)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('[GW-2] refuses a file installed once before, even after it was deleted', async () => {
    const { device: gateway, licenseFile, boot } = createGatewayRig();
    await boot();
    const file = licenseFile({ licenseId: 'LIC-A' });
    unwrap(gateway.page.add(file));
    expect(gateway.page.add(file)).toMatchObject({ ok: false, error: { code: 'LICENSE_REPLAYED' } });
    unwrap(gateway.page.delete('LIC-A'));
    expect(gateway.page.add(file)).toMatchObject({ ok: false, error: { code: 'LICENSE_REPLAYED' } });
    expect(gateway.page.add(licenseFile({ licenseId: 'LIC-A' })).ok).toBe(true);
    expect(gateway.page.add(licenseFile({ licenseId: 'LIC-A' }))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('[GW-2] remembers installed nonces across a power cut', async () => {
    const { board, device: gateway, licenseFile, boot, untilRunning } = createGatewayRig();
    await boot();
    const file = licenseFile();
    unwrap(gateway.page.add(file));
    unwrap(gateway.page.delete('LIC-1'));
    board.power.cut();
    board.power.restore();
    await untilRunning();
    expect(gateway.page.add(file)).toMatchObject({ ok: false, error: { code: 'LICENSE_REPLAYED' } });
  });

  it('[GW-4] adds, downloads and deletes licenses', async () => {
    const { device: gateway, licenseFile, boot } = createGatewayRig();
    await boot();
    const file = licenseFile({ licenseId: 'LIC-M', featureCode: 'Mobility', count: 5 });
    expect(unwrap(gateway.page.add(file))).toMatchObject({ licenseId: 'LIC-M', featureCode: 'Mobility', count: 5, status: 'active', pending: 'install' });
    expect(unwrap(gateway.page.download('LIC-M'))).toBe(file);
    expect(unwrap(gateway.page.delete('LIC-M'))).toEqual({ licenseId: 'LIC-M' });
    expect(unwrap(gateway.page.list())).toEqual([]);
    expect(gateway.page.download('LIC-M')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'licenseId' } });
    expect(gateway.page.delete('LIC-M')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(gateway.page.delete('')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('[GW-5] license changes apply only after reset, and are reported as pending until then', async () => {
    const { device: gateway, licenseFile, boot, reset } = createGatewayRig();
    await boot();
    unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-1', featureCode: 'Mobility', count: 1 })));
    expect(gateway.snapshot()).toMatchObject({ licenses: [], pendingReset: true, pending: { install: ['LIC-1'], removal: [] } });
    unwrap(gateway.pbx.addUser('alice'));
    expect(gateway.pbx.grant('alice', 'Mobility')).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });

    await reset();
    expect(gateway.snapshot()).toMatchObject({ licenses: [{ licenseId: 'LIC-1', status: 'active' }], pendingReset: false });
    expect(gateway.pbx.grant('alice', 'Mobility').ok).toBe(true);

    unwrap(gateway.page.delete('LIC-1'));
    expect(gateway.snapshot()).toMatchObject({ licenses: [{ licenseId: 'LIC-1' }], pendingReset: true, pending: { install: [], removal: ['LIC-1'] } });
    expect(unwrap(gateway.page.list())).toMatchObject([{ licenseId: 'LIC-1', pending: 'removal' }]);
    await reset();
    expect(gateway.snapshot()).toMatchObject({ licenses: [], pendingReset: false });
  });

  it('[GW-10] lists installed licenses with their kind, term and status', async () => {
    const { clock, device: gateway, licenseFile, boot, reset } = createGatewayRig();
    await boot();
    unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-P', featureCode: 'Port', count: 8 })));
    unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-T', featureCode: 'Video', kind: 'test', transactionType: 'Trial', end: clock.now() + 1000 })));
    await reset();
    expect(unwrap(gateway.page.list())).toEqual([
      expect.objectContaining({ licenseId: 'LIC-P', featureCode: 'Port', count: 8, kind: 'standard', end: null, status: 'active', pending: 'none' }),
      expect.objectContaining({ licenseId: 'LIC-T', featureCode: 'Video', kind: 'test', transactionType: 'Trial', status: 'expired', pending: 'none' }),
    ]);
  });

  it('keeps installed licenses across a power cut', async () => {
    const { board, device: gateway, licenseFile, boot, untilRunning } = createGatewayRig();
    await boot();
    unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-1' })));
    board.power.cut();
    board.power.restore();
    await untilRunning();
    expect(gateway.snapshot()).toMatchObject({ licenses: [{ licenseId: 'LIC-1' }], pendingReset: false });
  });

  it('a power cut at any write step of an add leaves the license fully installed or absent, and the device boots', async () => {
    // Cut at write step 0, 1, 2, … until the add gets through: every cut point of the commit.
    for (let writes = 0; ; writes++) {
      const { board, device: gateway, licenseFile, boot, untilRunning } = createGatewayRig();
      await boot();
      unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-OLD' })));
      board.power.cutAfterWrites(writes);
      const result = gateway.page.add(licenseFile({ licenseId: 'LIC-NEW' }));
      if (result.ok) {
        expect(writes).toBeGreaterThan(2);
        return;
      }
      expect(result.error.code).toBe('POWER_LOSS');
      expect(gateway.snapshot().state).toBe('off');
      board.power.restore();
      await untilRunning();
      expect(gateway.snapshot().licenses.map((l) => l.licenseId)).toEqual(['LIC-OLD']);
      expect(unwrap(gateway.page.list()).map((l) => l.licenseId)).toEqual(['LIC-OLD']);
    }
  });
});
