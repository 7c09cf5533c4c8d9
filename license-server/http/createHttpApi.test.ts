import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../protocol/licenseFile.ts';
import { unwrap } from '../../protocol/result.ts';
import { createTestServer, type TestServer } from '../testing/createTestServer.ts';
import { serveForTest, type HttpTestClient } from '../testing/httpTestClient.ts';
import { gatewayModule } from '../portals/gateway/gatewayModule.ts';
import { invalidationRequest, testLicenseRequest } from '../portals/gateway/testing/gatewayPortalRig.ts';

describe('HTTP API /api/v1', () => {
  let t: TestServer;
  let http: HttpTestClient;
  beforeEach(async () => {
    t = await createTestServer();
    // The Administrator may call every route; who else may is routeAccess.test.ts's.
    http = await serveForTest(t.server.http(), '/api/v1', { token: t.server.bootstrapToken });
  });
  afterEach(async () => {
    await http.close();
    await t.close();
  });

  const call = (method: string, path: string, body?: unknown, raw?: string) => http.call(method, path, body, raw);

  it('[GW-1] [GW-2] [GW-3] orders, activates, binds, moves and downloads over HTTP', async () => {
    const order = await call('POST', '/orders', { accountId: 'acme', items: [{ featureCode: 'PBX-MOBILITY', count: 5 }] });
    expect(order.status).toBe(201);
    const activated = await call('POST', '/accounts/acme/activations', { activationKey: order.body.activationKey });
    expect(activated.status).toBe(201);
    const [license] = activated.body.licenses as { id: string; status: string }[];
    expect(license).toMatchObject({ status: 'Active' });
    const gw1 = t.device('gw1').hardwareId;
    const gw2 = t.device('gw2').hardwareId;
    expect(await call('POST', `/gateway/licenses/${license!.id}/bind`, { hardwareId: gw1 })).toMatchObject({ status: 200, body: { license: { hardwareId: gw1 } } });
    expect(await call('POST', `/gateway/licenses/${license!.id}/move`, { toHardwareId: gw2, reason: 'RMA' })).toMatchObject({ status: 200, body: { license: { hardwareId: gw2 } } });
    const files = await call('GET', `/gateway/devices/${gw2}/licenses`);
    expect(files.status).toBe(200);
    expect(unwrap(openLicenseFile((files.body.files as string[])[0]!, t.server.vendorPublicKey, gw2))).toMatchObject({ licenseId: license!.id });
    expect((await call('GET', '/accounts/acme/licenses')).body.licenses).toHaveLength(1);
    const audit = await call('GET', '/audit?limit=2');
    expect((audit.body.entries as { action: string }[]).map((e) => e.action)).toEqual(['order.create', 'key.activate']);
  });

  it('[GW-2] [GW-8] answers conflicts with 409 and the stable code', async () => {
    const [id] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId: t.device('gw1').hardwareId }));
    const elsewhere = await call('POST', `/gateway/licenses/${id}/bind`, { hardwareId: t.device('gw2').hardwareId });
    expect(elsewhere).toMatchObject({ status: 409, body: { error: 'LICENSE_BOUND_ELSEWHERE' } });
    const gw3 = t.device('gw3');
    const { hardwareId: hw, ...proven } = testLicenseRequest(gw3, 'req-1');
    expect((await call('POST', `/gateway/devices/${hw}/test-license`, { ...proven, requestId: 'req-1' })).status).toBe(201);
    const { hardwareId: _, ...again } = testLicenseRequest(gw3, 'req-2');
    expect(await call('POST', `/gateway/devices/${hw}/test-license`, { ...again, requestId: 'req-2' })).toMatchObject({ status: 409, body: { error: 'TEST_LICENSE_ALREADY_ISSUED' } });
    const order = unwrap(await t.server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'F', count: 1 }] }));
    await call('POST', '/accounts/acme/activations', { activationKey: order.activationKey });
    expect(await call('POST', '/accounts/acme/activations', { activationKey: order.activationKey })).toMatchObject({ status: 409, body: { error: 'ACTIVATION_KEY_USED' } });
  });

  it('[GW-1] answers a mistyped key 400 naming the position', async () => {
    const order = unwrap(await t.server.core.createOrder({ accountId: 'acme', items: [{ featureCode: 'F', count: 1 }] }));
    const typo = `U${order.activationKey.slice(1)}`;
    expect(await call('POST', '/accounts/acme/activations', { activationKey: typo })).toMatchObject({
      status: 400, body: { error: 'CODE_INVALID', where: 'position 1' },
    });
  });

  it('answers unknown things 404', async () => {
    expect(await call('POST', '/gateway/licenses/nope/bind', { hardwareId: 'HW1' })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await call('GET', '/accounts/ghost/licenses')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await call('GET', '/no/such/route')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    // All zeros checks out (every syndrome is zero) but no order yielded it.
    expect(await call('POST', '/accounts/acme/activations', { activationKey: '000000-000000-00000' })).toMatchObject({ status: 404, body: { error: 'ACTIVATION_KEY_UNKNOWN' } });
  });

  it('answers bad bodies 400 {error, message} naming the field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/orders', { accountId: 'acme', items: [{ featureCode: 'F', count: -1 }] }, 'items.0.count'],
      ['POST', '/orders', { accountId: 'acme' }, 'items'],
      ['POST', '/orders', [], '(root)'],
      ['POST', '/accounts/acme/activations', { key: 'x' }, 'activationKey'],
      ['POST', '/gateway/licenses/x/bind', { hardwareId: 'a b' }, 'hardwareId'],
      ['POST', '/gateway/licenses/x/move', { toHardwareId: 'HW2', reason: ['no'] }, 'reason'],
      ['POST', '/gateway/devices/HW1/test-license', { please: true }, 'certificate'],
      ['POST', '/gateway/devices/HW1/invalidations', { licenseIds: [] }, 'licenseIds'],
      ['POST', '/accounts/bad%20id/activations', { activationKey: 'x' }, 'accountId'],
    ];
    for (const [method, path, body, where] of cases) {
      const response = await call(method, path, body);
      expect(response, `${method} ${path}`).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where } });
      expect(typeof response.body.message).toBe('string');
    }
    expect((await call('GET', '/audit?limit=zero')).body).toMatchObject({ error: 'BAD_REQUEST', where: 'limit' });
  });

  it('answers unparsable JSON and a missing body 400, and keeps serving', async () => {
    const broken = await call('POST', '/orders', undefined, '{"accountId": ');
    expect(broken).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
    expect(broken.body.message).toMatch(/not valid JSON/);
    const missing = await http.call('POST', '/orders', undefined, 'accountId=acme', { 'content-type': 'text/plain' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'BAD_REQUEST', message: expect.stringContaining('JSON body') });
    expect((await call('POST', '/orders', { accountId: 'acme', items: [{ featureCode: 'F', count: 1 }] })).status).toBe(201);
  });

  it('[GW-8] issues a test license over HTTP only to the device its certificate and proof name', async () => {
    const gw = t.device('gw1');
    const { hardwareId: _, ...proven } = testLicenseRequest(gw, 'req-7');
    // Another device's hardware ID with gw1's proof: refused, and gw1's one test license is not spent.
    expect(await call('POST', `/gateway/devices/${t.device('gw2').hardwareId}/test-license`, { ...proven, requestId: 'req-7' })).toMatchObject({ status: 403, body: { error: 'CERTIFICATE_INVALID' } });
    expect(await call('POST', `/gateway/devices/${gw.hardwareId}/test-license`, { ...proven, requestId: 'req-8' })).toMatchObject({ status: 403, body: { error: 'PROOF_INVALID' } });
    expect(await call('POST', `/gateway/devices/${gw.hardwareId}/test-license`)).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: '(root)' } });
    const issued = await call('POST', `/gateway/devices/${gw.hardwareId}/test-license`, { ...proven, requestId: 'req-7' }, undefined);
    expect(issued.status).toBe(201);
    expect(unwrap(openLicenseFile(issued.body.file as string, t.server.vendorPublicKey, gw.hardwareId))).toMatchObject({ kind: 'test' });
  });

  it('[GW-6] takes a device invalidation with its certificate over HTTP', async () => {
    const gw = t.device('gw1');
    const [id] = await t.activated('acme', [{ featureCode: 'F', count: 1 }]);
    unwrap(await t.server.portal(gatewayModule).bind({ licenseId: id!, hardwareId: gw.hardwareId }));
    const { hardwareId: _, ...body } = invalidationRequest(gw, [id!]);
    expect(await call('POST', `/gateway/devices/${t.device('gw2').hardwareId}/invalidations`, body)).toMatchObject({ status: 403, body: { error: 'CERTIFICATE_INVALID' } });
    expect(await call('POST', `/gateway/devices/${gw.hardwareId}/invalidations`, body)).toMatchObject({ status: 200, body: { invalidated: [id] } });
  });
});
