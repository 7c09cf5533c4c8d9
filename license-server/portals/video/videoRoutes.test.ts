import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { shownCode } from './testing/videoPortalRig.ts';
import { failureStatus } from '../../http/failureStatus.ts';
import { serveForTest, type HttpTestClient } from '../../testing/httpTestClient.ts';
import { videoModule } from './videoModule.ts';

describe('HTTP API /api/v1/video', () => {
  let t: TestServer;
  let http: HttpTestClient;
  beforeEach(async () => {
    t = await createTestServer();
    // A Customer token tied to no account, so the unknown and malformed accounts below reach the operations.
    http = await serveForTest(t.server.http(), '/api/v1', { token: await t.token({ user: 'alice', roles: ['Customer'] }) });
  });
  afterEach(async () => {
    await http.close();
    await t.close();
  });

  const call = (method: string, path: string, body?: unknown, raw?: string) => http.call(method, `/video${path}`, body, raw);
  // CL-2's key is activated in the core, at /api/v1/accounts/…, like every order's.
  const core = (method: string, path: string, body?: unknown) => http.call(method, path, body);

  it('[CL-2][CL-4][CL-6][CL-7][CL-8] activates, adds a product, assigns, processes, and manages tokens over HTTP', async () => {
    const { activationKey } = unwrap(await t.server.core.createOrder({ accountId: 'vendor', items: [{ featureCode: 'CLARITI-PORTS', count: 10 }] }));
    expect(await core('POST', '/accounts/acme/activations', { activationKey })).toMatchObject({ status: 201, body: { licenses: [{ featureCode: 'CLARITI-PORTS' }] } });
    const shown = shownCode(t, 'core-a');
    const added = await call('POST', '/accounts/acme/products/standard', { requestCode: shown.code });
    expect(added).toMatchObject({ status: 201, body: { product: { productId: shown.fingerprint, mode: 'standard' } } });
    const assigned = await call('POST', '/accounts/acme/entitlements/CLARITI-PORTS/assignments', { productId: shown.fingerprint, count: 4 });
    expect(assigned).toMatchObject({ status: 200, body: { entitlement: { assigned: 4, available: 6 } } });
    const over = await call('POST', '/accounts/acme/entitlements/CLARITI-PORTS/assignments', { productId: shown.fingerprint, count: 11 });
    expect(over).toMatchObject({ status: failureStatus('ENTITLEMENT_EXHAUSTED'), body: { error: 'ENTITLEMENT_EXHAUSTED', where: 'count' } });
    const processed = await call('POST', `/accounts/acme/products/${shown.fingerprint}/process-license`);
    expect(processed).toMatchObject({ status: 200, body: { productId: shown.fingerprint, responseCode: expect.stringMatching(/^RSP1\./) } });
    expect((await call('GET', '/accounts/acme/entitlements')).body.entitlements).toHaveLength(1);
    expect((await call('GET', '/accounts/acme/products')).body.products).toMatchObject([{ entitlements: { 'CLARITI-PORTS': 4 } }]);

    const created = await call('POST', '/accounts/acme/access-tokens', { user: 'alice' });
    expect(created).toMatchObject({ status: 201, body: { token: { user: 'alice', status: 'Active', token: expect.stringMatching(/^clt_/) } } });
    const { tokenId } = created.body.token as { tokenId: string };
    expect(await call('POST', `/accounts/acme/access-tokens/${tokenId}/revoke`)).toMatchObject({ status: 200, body: { token: { status: 'Revoked' } } });
    expect((await call('GET', '/accounts/acme/access-tokens')).body.tokens).toMatchObject([{ tokenId, status: 'Revoked' }]);
  });

  it('[CL-5][CL-3] adds a restrictive product naming a mismatched field, and takes product updates with a token', async () => {
    const shown = shownCode(t, 'core-a');
    const wrong = await call('POST', '/accounts/acme/products/restrictive', { ...shown.fields, name: shown.fields.name.toUpperCase(), requestCode: shown.code });
    expect(wrong).toMatchObject({ status: failureStatus('FIELD_MISMATCH'), body: { error: 'FIELD_MISMATCH', where: 'name' } });
    const { token } = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice' }));
    const update = await call('POST', '/product-updates', { accessToken: token, requestCode: shown.code, product: shown.fields });
    expect(update).toMatchObject({ status: 200, body: { productId: shown.fingerprint } });
    expect(await call('POST', '/product-updates', { accessToken: 'clt_nope', requestCode: shown.code, product: shown.fields }))
      .toMatchObject({ status: failureStatus('TOKEN_UNKNOWN'), body: { error: 'TOKEN_UNKNOWN' } });
  });

  it('answers bad input with 4xx naming the problem', async () => {
    const cases: [string, string, unknown, number, string, string?][] = [
      ['POST', '/accounts/acme/products/standard', {}, 400, 'BAD_REQUEST', 'requestCode'],
      ['POST', '/accounts/acme/products/standard', { requestCode: 'ABCDE' }, failureStatus('CODE_INVALID'), 'CODE_INVALID'],
      ['POST', '/accounts/acme/products/restrictive', { name: 'x', type: 'y', version: 'z' }, 400, 'BAD_REQUEST', 'requestCode'],
      ['POST', '/accounts/acme/entitlements/CLARITI-PORTS/assignments', { productId: '0123456789AB', count: 'five' }, 400, 'BAD_REQUEST', 'count'],
      ['POST', '/accounts/acme/access-tokens', { user: 'a', admin: true }, 400, 'BAD_REQUEST'],
      ['GET', '/accounts/nobody/products', undefined, 404, 'NOT_FOUND', 'accountId'],
      ['POST', '/accounts/acme/products/0123456789AB/process-license', { extra: 1 }, 400, 'BAD_REQUEST'],
      ['POST', '/accounts/bad%20id/access-tokens', { user: 'a' }, 400, 'BAD_REQUEST', 'accountId'],
    ];
    for (const [method, path, body, status, error, where] of cases) {
      const response = await call(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(status);
      expect(response.body, `${method} ${path}`).toMatchObject(where === undefined ? { error } : { error, where });
    }
    expect(await call('POST', '/accounts/acme/products/standard', undefined, '{"requestCode":')).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
  });
});
