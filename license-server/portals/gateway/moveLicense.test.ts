import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../../protocol/licenseFile.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { gatewayModule } from './gatewayModule.ts';

describe('gateway portal: move', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  const nonceOf = (file: string, hardwareId: string): string => unwrap(openLicenseFile(file, t.server.vendorPublicKey, hardwareId)).nonce;

  it('[GW-3] moves a license of a defective device to its replacement; the old copy is revoked', async () => {
    const [id, kept] = await t.activated('acme', [{ featureCode: 'PBX-MOBILITY', count: 10 }, { featureCode: 'GW-CHANNELS', count: 4 }]);
    const broken = t.device('broken');
    const spare = t.device('spare');
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId: broken.hardwareId }));
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: kept!, hardwareId: broken.hardwareId }));
    const oldFiles = unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: broken.hardwareId }));
    const oldNonce = nonceOf(oldFiles[0]!, broken.hardwareId);

    const moved = unwrap(await t.server.portal(gatewayModule).move({ licenseId: id!, toHardwareId: spare.hardwareId, reason: 'device defective' }));
    expect(moved).toMatchObject({ id, hardwareId: spare.hardwareId, status: 'Active' });

    const oldSync = unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: broken.hardwareId }));
    expect(oldSync.map((f) => unwrap(openLicenseFile(f, t.server.vendorPublicKey, broken.hardwareId)).licenseId)).toEqual([kept]);
    const newSync = unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: spare.hardwareId }));
    expect(newSync.map((f) => unwrap(openLicenseFile(f, t.server.vendorPublicKey, spare.hardwareId)).licenseId)).toEqual([id]);

    const issuance = await t.store.transaction((tx) => tx.issuances.get(oldNonce));
    expect(issuance?.revokedAt).toBe(t.clock.now());
    const entry = (await t.server.audit()).find((e) => e.action === 'license.move');
    expect(entry).toMatchObject({
      actor: 'account:acme',
      subject: id,
      detail: { from: broken.hardwareId, to: spare.hardwareId, reason: 'device defective', revokedNonces: [oldNonce] },
    });
  });

  it('[GW-3] refuses to move a license bound to no device, or one that does not exist', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    const to = t.device('spare').hardwareId;
    expect(await t.server.portal(gatewayModule).move({ licenseId: id!, toHardwareId: to })).toMatchObject({ ok: false, error: { code: 'LICENSE_NOT_BOUND' } });
    expect(await t.server.portal(gatewayModule).move({ licenseId: 'nope', toHardwareId: to })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.server.portal(gatewayModule).move({ licenseId: id!, toHardwareId: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'toHardwareId' } });
    expect(await t.server.portal(gatewayModule).move({ licenseId: id!, toHardwareId: to, reason: 7 } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'reason' } });
  });

  it('[GW-3] leaves a license where it is when moved to the device it is on', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    const hardwareId = t.device('gw1').hardwareId;
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId }));
    const [file] = unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId }));
    expect(await t.server.portal(gatewayModule).move({ licenseId: id!, toHardwareId: hardwareId })).toMatchObject({ ok: true, value: { hardwareId } });
    const issuance = await t.store.transaction((tx) => tx.issuances.get(nonceOf(file!, hardwareId)));
    expect(issuance?.revokedAt).toBeNull();
  });

  it('[GW-8] refuses to move a test license off its device', async () => {
    const gw1 = t.device('gw1');
    const file = unwrap(await t.server.portal(gatewayModule).issueTestLicense({ hardwareId: gw1.hardwareId }));
    const { licenseId } = unwrap(openLicenseFile(file, t.server.vendorPublicKey, gw1.hardwareId));
    const result = await t.server.portal(gatewayModule).move({ licenseId, toHardwareId: t.device('gw2').hardwareId });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
