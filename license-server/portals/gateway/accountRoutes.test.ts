import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../../protocol/licenseFile.ts';
import { unwrap } from '../../../protocol/result.ts';
import { ServerRole } from '../../auth/ServerRole.ts';
import { API_PREFIX } from '../../http/createHttpApi.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { serveForTest, type HttpTestClient } from '../../testing/httpTestClient.ts';
import { gatewayModule } from './gatewayModule.ts';

describe('gateway portal: the portal page\'s routes for one account', () => {
  let t: TestServer;
  let acme: HttpTestClient;
  beforeEach(async () => {
    t = await createTestServer();
    const token = await t.token({ user: 'olive', roles: [ServerRole.Customer], accountId: 'acme' });
    acme = await serveForTest(t.server.http(), API_PREFIX, { token });
  });
  afterEach(async () => {
    await acme.close();
    await t.close();
  });
  const gateway = () => t.server.portal(gatewayModule);

  it('[GW-2][GW-3][GW-4] lets a user signed in to the account bind, move and fetch the files of its own licenses', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'Mobility', count: 3 }]);
    const [gw1, gw2] = [t.device('gw1'), t.device('gw2')];
    const bound = await acme.call('POST', `/gateway/accounts/acme/licenses/${id}/bind`, { hardwareId: gw1.hardwareId });
    expect(bound).toMatchObject({ status: 200, body: { license: { id, hardwareId: gw1.hardwareId, accountId: 'acme' } } });
    const files = await acme.call('GET', `/gateway/accounts/acme/devices/${gw1.hardwareId}/licenses`);
    expect(files.status).toBe(200);
    const [file] = files.body.files as string[];
    expect(openLicenseFile(file!, t.server.vendorPublicKey, gw1.hardwareId)).toMatchObject({ ok: true, value: { licenseId: id, featureCode: 'Mobility', count: 3 } });

    const moved = await acme.call('POST', `/gateway/accounts/acme/licenses/${id}/move`, { toHardwareId: gw2.hardwareId, reason: 'device defective' });
    expect(moved).toMatchObject({ status: 200, body: { license: { hardwareId: gw2.hardwareId } } });
    expect((await acme.call('GET', `/gateway/accounts/acme/devices/${gw1.hardwareId}/licenses`)).body.files).toEqual([]);
    expect((await t.server.audit()).find((e) => e.action === 'license.move')).toMatchObject({ actor: 'account:acme', detail: { reason: 'device defective' } });
  });

  it('[GW-2] answers another account\'s license as one that does not exist, and leaves it unbound', async () => {
    const [theirs] = await t.activated('globex', [{ featureCode: 'Mobility', count: 1 }]);
    const hardwareId = t.device('gw1').hardwareId;
    expect(await acme.call('POST', `/gateway/accounts/acme/licenses/${theirs}/bind`, { hardwareId }))
      .toMatchObject({ status: 404, body: { error: 'NOT_FOUND', message: `no license with ID ${theirs} in account acme`, where: 'licenseId' } });
    expect(await acme.call('POST', `/gateway/accounts/acme/licenses/${theirs}/move`, { toHardwareId: hardwareId }))
      .toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'licenseId' } });
    // Bound by its own account, it is still not acme's to hand out as a file.
    unwrap(await gateway().bind({ licenseId: theirs!, hardwareId }));
    expect((await acme.call('GET', `/gateway/accounts/acme/devices/${hardwareId}/licenses`)).body).toEqual({ files: [] });
    expect(unwrap(await gateway().filesForDevice({ hardwareId }))).toHaveLength(1);
  });

  it('refuses another family\'s license of the account (a SmartServer\'s, a Clariti\'s) with LICENSE_WRONG_FAMILY, unbound', async () => {
    const [capacity, ports] = await t.activated('acme', [{ featureCode: 'SS-CAPACITY', count: 25 }, { featureCode: 'CLARITI-PORTS', count: 5 }]);
    const hardwareId = t.device('gw1').hardwareId;
    for (const id of [capacity!, ports!]) {
      expect(await acme.call('POST', `/gateway/accounts/acme/licenses/${id}/bind`, { hardwareId }))
        .toMatchObject({ status: 409, body: { error: 'LICENSE_WRONG_FAMILY', where: 'licenseId' } });
      expect(await acme.call('POST', `/gateway/accounts/acme/licenses/${id}/move`, { toHardwareId: hardwareId }))
        .toMatchObject({ status: 409, body: { error: 'LICENSE_WRONG_FAMILY' } });
    }
    expect((await acme.call('GET', `/gateway/accounts/acme/devices/${hardwareId}/licenses`)).body).toEqual({ files: [] });
  });

  it('refuses a token for another account, and bad input naming the field', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'Mobility', count: 1 }]);
    expect(await acme.call('GET', '/gateway/accounts/globex/devices/X1/licenses')).toMatchObject({ status: 403, body: { error: 'FORBIDDEN', where: 'accountId' } });
    expect(await acme.call('POST', `/gateway/accounts/acme/licenses/${id}/bind`, { hardwareId: '00 90 33' }))
      .toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'hardwareId' } });
    expect(await acme.call('POST', `/gateway/accounts/acme/licenses/${id}/bind`, { hardwareId: 'X1', extra: 1 }))
      .toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
    expect(await acme.call('POST', `/gateway/accounts/acme/licenses/${id}/move`, { reason: 'defective' }))
      .toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'toHardwareId' } });
    expect(await acme.call('POST', `/gateway/accounts/acme/licenses/${id}/move`, { toHardwareId: 'X2' }))
      .toMatchObject({ status: 409, body: { error: 'LICENSE_NOT_BOUND' } });
    expect(await acme.call('GET', '/gateway/accounts/acme/devices/bad%20id/licenses')).toMatchObject({ status: 400, body: { where: 'hardwareId' } });
  });
});
