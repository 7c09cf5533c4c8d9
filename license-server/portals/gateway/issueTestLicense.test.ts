import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../../protocol/licenseFile.ts';
import { unwrap } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { licenseStatus } from '../../core/licenseStatus.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { gatewayModule } from './gatewayModule.ts';
import { invalidationRequest } from './testing/gatewayPortalRig.ts';

describe('gateway portal: issueTestLicense', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[GW-8] issues a test license valid for three calendar months from its first download: May 1st to August 1st, 92 days', async () => {
    const gw = t.device('gw1');
    await t.clock.advanceTo(Date.parse('2026-05-01T09:30:00.000Z'));
    const downloadedAt = t.clock.now();
    const payload = unwrap(openLicenseFile(unwrap(await t.server.portal(gatewayModule).issueTestLicense({ hardwareId: gw.hardwareId })), t.server.vendorPublicKey, gw.hardwareId));
    expect(payload).toMatchObject({ kind: 'test', transactionType: 'Trial', start: downloadedAt, end: Date.parse('2026-08-01T09:30:00.000Z') });
    expect(payload.end! - downloadedAt).toBe(92 * DAY_MS);
    await t.clock.advance(92 * DAY_MS - 1);
    expect(licenseStatus(payload, t.clock.now())).toBe('Expiring Shortly');
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw.hardwareId }))).toHaveLength(1);
    await t.clock.advance(1);
    expect(licenseStatus(payload, t.clock.now())).toBe('Inactive');
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw.hardwareId }))).toEqual([]);
  });

  it('[GW-8] refuses a second test license for the same device, even after the first expired', async () => {
    const gw = t.device('gw1');
    unwrap(await t.server.portal(gatewayModule).issueTestLicense({ hardwareId: gw.hardwareId }));
    await t.clock.advance(200 * DAY_MS);
    const second = await t.server.portal(gatewayModule).issueTestLicense({ hardwareId: gw.hardwareId });
    expect(second).toMatchObject({ ok: false, error: { code: 'TEST_LICENSE_ALREADY_ISSUED', where: 'hardwareId' } });
    if (!second.ok) expect(second.error.message).toContain('2026-01-01T00:00:00.000Z');
    expect((await t.server.portal(gatewayModule).issueTestLicense({ hardwareId: t.device('gw2').hardwareId })).ok).toBe(true);
  });

  it('[GW-8] issues exactly one when a device asks many times at once', async () => {
    const hardwareId = t.device('gw1').hardwareId;
    const results = await Promise.all(Array.from({ length: 10 }, () => t.server.portal(gatewayModule).issueTestLicense({ hardwareId })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'TEST_LICENSE_ALREADY_ISSUED')).toHaveLength(9);
  });

  it('[GW-8] keeps a test license off every other device', async () => {
    const gw1 = t.device('gw1');
    const file = unwrap(await t.server.portal(gatewayModule).issueTestLicense({ hardwareId: gw1.hardwareId }));
    expect(openLicenseFile(file, t.server.vendorPublicKey, t.device('gw2').hardwareId)).toMatchObject({ ok: false, error: { code: 'LICENSE_FOREIGN_HARDWARE' } });
    const { licenseId } = unwrap(openLicenseFile(file, t.server.vendorPublicKey, gw1.hardwareId));
    unwrap(await t.server.portal(gatewayModule).invalidate(invalidationRequest(gw1, [licenseId])));
    expect(await t.server.portal(gatewayModule).bind({ licenseId, hardwareId: t.device('gw2').hardwareId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a malformed hardware ID', async () => {
    expect(await t.server.portal(gatewayModule).issueTestLicense({ hardwareId: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'hardwareId' } });
  });
});
