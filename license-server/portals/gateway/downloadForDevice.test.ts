import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../../protocol/licenseFile.ts';
import { unwrap } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { gatewayModule } from './gatewayModule.ts';

describe('gateway portal: filesForDevice', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[GW-6] gives a device a signed file per bound license, with a fresh nonce on every download', async () => {
    const ids = await t.activated('acme', [{ featureCode: 'PBX-MOBILITY', count: 10 }, { featureCode: 'GW-CHANNELS', count: 4, termDays: 365 }]);
    const gw = t.device('gw1');
    for (const licenseId of ids) unwrap(await t.server.portal(gatewayModule).bind({ licenseId, hardwareId: gw.hardwareId }));
    const first = unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw.hardwareId }));
    const second = unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw.hardwareId }));
    const open = (f: string) => unwrap(openLicenseFile(f, t.server.vendorPublicKey, gw.hardwareId));
    expect(first.map(open).map((p) => [p.licenseId, p.featureCode, p.count, p.kind, p.issuedAt])).toEqual([
      [ids[0], 'PBX-MOBILITY', 10, 'standard', t.clock.now()],
      [ids[1], 'GW-CHANNELS', 4, 'standard', t.clock.now()],
    ]);
    const nonces = [...first, ...second].map((f) => open(f).nonce);
    expect(new Set(nonces).size).toBe(4);
  });

  it('[GW-6] leaves out licenses whose term has ended', async () => {
    const ids = await t.activated('acme', [{ featureCode: 'SHORT', count: 1, termDays: 10 }, { featureCode: 'LONG', count: 1 }]);
    const hardwareId = t.device('gw1').hardwareId;
    for (const licenseId of ids) unwrap(await t.server.portal(gatewayModule).bind({ licenseId, hardwareId }));
    await t.clock.advance(10 * DAY_MS);
    const files = unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId }));
    expect(files.map((f) => unwrap(openLicenseFile(f, t.server.vendorPublicKey, hardwareId)).featureCode)).toEqual(['LONG']);
  });

  it('gives an unknown device nothing and logs nothing; refuses a malformed hardware ID', async () => {
    expect(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: '009033FFFFFF' })).toEqual({ ok: true, value: [] });
    expect(await t.server.audit()).toEqual([]);
    expect(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: 'a/b' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'hardwareId' } });
    expect(await t.server.portal(gatewayModule).filesForDevice({} as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'hardwareId' } });
  });
});
