import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../../protocol/licenseFile.ts';
import { unwrap } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { gatewayModule } from './gatewayModule.ts';

describe('gateway portal: bind', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[GW-2] binds a license to one hardware ID, whose device alone can open its file', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'PBX-MOBILITY', count: 10 }]);
    const gw1 = t.device('gw1');
    const gw2 = t.device('gw2');
    expect(unwrap(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId: gw1.hardwareId }))).toMatchObject({ hardwareId: gw1.hardwareId });
    const [file] = unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: gw1.hardwareId }));
    expect(openLicenseFile(file!, t.server.vendorPublicKey, gw1.hardwareId)).toMatchObject({ ok: true, value: { licenseId: id, count: 10 } });
    expect(openLicenseFile(file!, t.server.vendorPublicKey, gw2.hardwareId)).toMatchObject({ ok: false, error: { code: 'LICENSE_FOREIGN_HARDWARE' } });
  });

  it('[GW-2] refuses to bind a license that is bound to another device, naming it', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'PBX-MOBILITY', count: 10 }]);
    const gw1 = t.device('gw1');
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId: gw1.hardwareId }));
    const result = await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId: t.device('gw2').hardwareId });
    expect(result).toMatchObject({ ok: false, error: { code: 'LICENSE_BOUND_ELSEWHERE', where: 'hardwareId' } });
    if (!result.ok) expect(result.error.message).toContain(gw1.hardwareId);
    expect(unwrap(await t.server.portal(gatewayModule).filesForDevice({ hardwareId: t.device('gw2').hardwareId }))).toEqual([]);
  });

  it('[GW-2] treats binding again to the same device as done', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    const hardwareId = t.device('gw1').hardwareId;
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId }));
    expect(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId })).toMatchObject({ ok: true, value: { hardwareId } });
    expect((await t.server.audit()).filter((e) => e.action === 'license.bind')).toHaveLength(1);
  });

  it('refuses an unknown license, an ended one and a malformed hardware ID', async () => {
    const hardwareId = t.device('gw1').hardwareId;
    expect(await t.server.portal(gatewayModule).bind({ licenseId: 'nope', hardwareId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'licenseId' } });
    const [id] = await t.activated('acme', [{ featureCode: 'F', count: 1, termDays: 30 }]);
    await t.clock.advance(30 * DAY_MS);
    expect(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId })).toMatchObject({ ok: false, error: { code: 'LICENSE_INACTIVE' } });
    for (const bad of ['', 'with space', 'x'.repeat(129), 42]) {
      expect(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId: bad as string })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'hardwareId' } });
    }
  });

  it('[GW-2] binds a license once when two devices race for it', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    const results = await Promise.all(['gw1', 'gw2'].map((d) => t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId: t.device(d).hardwareId })));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['LICENSE_BOUND_ELSEWHERE', 'ok']);
  });
});
