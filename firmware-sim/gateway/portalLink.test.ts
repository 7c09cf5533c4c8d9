import { describe, it, expect } from 'vitest';
import { addDuration, DAY } from '../../emulator/clock/duration.ts';
import { sealLicenseFile } from '../../protocol/licenseFile.ts';
import { unwrap } from '../../protocol/result.ts';
import { signingKeyFromSeed } from '../../protocol/signing/ed25519.ts';
import { createGatewayRig } from './testing/gatewayRig.ts';

/** A gateway booted, with its rig's scripted portal on the far end of the wire. */
async function portalRig(options: { replyTimeoutMs?: number } = {}) {
  const rig = createGatewayRig(options);
  await rig.boot();
  return rig;
}

describe('gateway portal link', () => {
  it('[GW-6] downloads the licenses bound to its hardware ID; they apply after reset', async () => {
    const { device: gateway, portal, reset } = await portalRig();
    portal.bind('LIC-M', 'Mobility', 5);
    portal.bind('LIC-P', 'Port', 30);
    portal.bind('LIC-ELSEWHERE', 'Video', 1, '009033000000');
    expect(unwrap(await gateway.portal.download())).toEqual({ installed: ['LIC-M', 'LIC-P'], removed: [], unchanged: [], refused: [] });
    expect(portal.requests[0]).toMatchObject({ op: 'gateway.download', deviceId: 'gw-001', body: { hardwareId: gateway.snapshot().hardwareId } });
    expect(gateway.snapshot()).toMatchObject({ licenses: [], pendingReset: true, pending: { install: ['LIC-M', 'LIC-P'] } });
    await reset();
    expect(gateway.snapshot().licenses.map((l) => l.licenseId)).toEqual(['LIC-M', 'LIC-P']);
    expect(unwrap(await gateway.portal.download())).toMatchObject({ installed: [], unchanged: ['LIC-M', 'LIC-P'] });
    expect(gateway.snapshot().pendingReset).toBe(false);
  });

  it('[GW-3] a license moved to another device leaves this one at its next download and reset', async () => {
    const { device: gateway, portal, reset } = await portalRig();
    portal.bind('LIC-M', 'Mobility', 5);
    unwrap(await gateway.portal.download());
    unwrap(await gateway.portal.downloadTestLicense());
    await reset();
    portal.move('LIC-M', '009033ABCDEF');
    expect(unwrap(await gateway.portal.download())).toMatchObject({ installed: [], removed: ['LIC-M'] });
    expect(gateway.snapshot()).toMatchObject({ pendingReset: true, pending: { removal: ['LIC-M'] } });
    await reset();
    expect(gateway.snapshot().licenses.map((l) => l.licenseId)).toEqual([`TEST-${gateway.snapshot().hardwareId}`]);
  });

  it('[GW-6] invalidates licenses with its device certificate and a signed proof', async () => {
    const { device: gateway, portal, identity, reset } = await portalRig();
    portal.bind('LIC-M', 'Mobility', 5);
    portal.bind('LIC-P', 'Port', 30);
    unwrap(await gateway.portal.download());
    await reset();
    expect(unwrap(await gateway.portal.invalidate(['LIC-M']))).toEqual({ invalidated: ['LIC-M'] });
    expect(portal.requests.at(-1)).toMatchObject({ op: 'gateway.invalidate', body: { certificate: identity.certificate, licenseIds: ['LIC-M'] } });
    expect(portal.isBound('LIC-M')).toBe(false);
    expect(gateway.snapshot()).toMatchObject({ pendingReset: true, pending: { removal: ['LIC-M'] } });
    await reset();
    expect(gateway.snapshot().licenses.map((l) => l.licenseId)).toEqual(['LIC-P']);
  });

  it('[GW-6] a portal refusing the device certificate leaves the licenses installed', async () => {
    const { device: gateway, portal } = await portalRig();
    portal.bind('LIC-M', 'Mobility', 5);
    unwrap(await gateway.portal.download());
    portal.distrustManufacturer();
    expect(await gateway.portal.invalidate(['LIC-M'])).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    expect(portal.isBound('LIC-M')).toBe(true);
    expect(unwrap(gateway.page.list()).map((l) => l.licenseId)).toEqual(['LIC-M']);
    expect(await gateway.portal.invalidate([])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'licenseIds' } });
    expect(await gateway.portal.invalidate(['A', 'A'])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('[GW-8] a test license works for 3 months after its first download, then stops', async () => {
    const { clock, device: gateway, reset } = await portalRig();
    const row = unwrap(await gateway.portal.downloadTestLicense());
    expect(row).toMatchObject({ kind: 'test', featureCode: 'Mobility', count: 10, end: addDuration(clock.now(), { months: 3, ms: 0 }), pending: 'install' });
    await reset();
    unwrap(gateway.pbx.addUser('alice'));
    unwrap(gateway.pbx.grant('alice', 'Mobility'));
    const changes: string[] = [];
    gateway.onChange((s) => changes.push(s.licenses.map((l) => l.status).join()));

    await clock.advanceTo(row.end! - DAY);
    expect(unwrap(gateway.diagnostics()).pbx).toEqual([{ featureCode: 'Mobility', installed: 10, inUse: 1 }]);
    await clock.advanceTo(row.end!);
    expect(changes).toEqual(['expired']);
    expect(gateway.snapshot()).toMatchObject({ state: 'running', pendingReset: false, licenses: [{ status: 'expired' }] });
    expect(unwrap(gateway.page.list())).toMatchObject([{ kind: 'test', status: 'expired' }]);
    expect(unwrap(gateway.diagnostics()).pbx).toEqual([{ featureCode: 'Mobility', installed: 0, inUse: 1 }]);
    unwrap(gateway.pbx.addUser('bob'));
    expect(gateway.pbx.grant('bob', 'Mobility')).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
  });

  it('[GW-8] the portal refuses a second test license, and the device says so', async () => {
    const { device: gateway } = await portalRig();
    unwrap(await gateway.portal.downloadTestLicense());
    unwrap(gateway.page.delete(unwrap(gateway.page.list())[0]!.licenseId));
    expect(await gateway.portal.downloadTestLicense()).toMatchObject({ ok: false, error: { code: 'TEST_LICENSE_ALREADY_ISSUED' } });
  });

  it('[GW-6] refuses forged and foreign files in a download, and installs the rest', async () => {
    const { clock, device: gateway, portal, wire, identity, vendorKey } = await portalRig();
    portal.setSilent(true);
    const downloading = gateway.portal.download();
    await clock.quiesce();
    const payload = { hardwareId: identity.hardwareId, featureCode: 'Reg', count: 1, start: 0, end: null, transactionType: 'New', kind: 'standard', issuedAt: 0 } as const;
    const files = [
      sealLicenseFile({ ...payload, licenseId: 'LIC-FORGED', nonce: 'nonce-001' }, signingKeyFromSeed(new Uint8Array(32).fill(9))),
      sealLicenseFile({ ...payload, licenseId: 'LIC-FOREIGN', nonce: 'nonce-002', hardwareId: '009033000001' }, vendorKey),
      sealLicenseFile({ ...payload, licenseId: 'LIC-GOOD', nonce: 'nonce-003' }, vendorKey),
    ];
    wire.b.send(JSON.stringify({ id: portal.requests[0]!.id, ok: true, body: { files } }));
    const result = unwrap(await downloading);
    expect(result.installed).toEqual(['LIC-GOOD']);
    expect(result.refused.map((r) => r.error.code)).toEqual(['SIGNATURE_INVALID', 'LICENSE_FOREIGN_HARDWARE']);
  });

  it('[GW-6] reports LINK_DOWN, TIMEOUT, and NOT_RUNNING when the device reboots while waiting', async () => {
    const { clock, wire, device: gateway, portal, board } = await portalRig({ replyTimeoutMs: 10_000 });
    wire.setUp(false);
    expect(await gateway.portal.download()).toMatchObject({ ok: false, error: { code: 'LINK_DOWN' } });
    wire.setUp(true);
    portal.setSilent(true);
    const waiting = gateway.portal.download();
    await clock.advance(10_000);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const interrupted = gateway.portal.invalidate(['LIC-1']);
    board.reset();
    expect(await interrupted).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
  });
});
