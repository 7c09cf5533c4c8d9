import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { PortalRole } from './portalUsers.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';
import { audioModule } from './audioModule.ts';
import { serveForTest, type HttpTestClient } from '../../testing/httpTestClient.ts';

/** Every route the portal serves, read from its module, as paths under /api/v1. */
function routesOf(): { method: string; path: string }[] {
  return (audioModule.routes ?? []).map((route) => ({ method: route.method.toUpperCase(), path: `/audio${route.path}` }));
}

describe('HTTP API /api/v1/audio', () => {
  let r: AudioPortalRig;
  let http: HttpTestClient;
  /** Each portal user's bearer token: a Customer token tied to the user's account, minted once per server. */
  const tokens = new Map<string, string>();
  beforeEach(async () => {
    r = await createAudioPortalRig();
    tokens.clear();
    http = await serveForTest(r.t.server.http(), '/api/v1');
  });
  afterEach(async () => {
    await http.close();
    await r.close();
  });

  async function tokenOf(user: string, accountId: string): Promise<string> {
    const key = `${accountId}/${user}`;
    if (!tokens.has(key)) tokens.set(key, await r.t.token({ user, roles: ['Customer'], accountId }));
    return tokens.get(key)!;
  }

  /** A request as `user` of the path's account (`acme` unless the path names another); none without a user. */
  const call = async (method: string, path: string, options: { user?: string; body?: unknown; raw?: string } = {}) => {
    const accountId = /^\/audio\/accounts\/([^/]+)/.exec(path)?.[1] ?? 'acme';
    const headers: Record<string, string> = options.user === undefined ? {} : { authorization: `Bearer ${await tokenOf(options.user, accountId)}` };
    // GET requests carry no body.
    return method === 'GET'
      ? http.call(method, path, undefined, undefined, headers)
      : http.call(method, path, options.body, options.raw, headers);
  };

  it('[PC-1] answers 403 on every route to a user without the role, whatever the body', async () => {
    const routes = routesOf();
    expect(routes.length).toBeGreaterThanOrEqual(7);
    unwrap(await r.portal.putUser(r.admin, { name: 'nobody', roles: [] }));
    unwrap(await r.portal.putUser(r.admin, { name: 'almost', roles: [PortalRole.AccountAdmin, PortalRole.DeviceAdmin] }));
    const [license] = (await r.activate([{ featureCode: 'PDMS-AUDIO', count: 1 }])).licenses;
    const path = (p: string) => p.replace(':accountId', 'acme').replace(':licenseId', license!.recordId).replace(':name', 'someone');
    for (const route of routes) {
      for (const user of ['nobody', 'ghost']) {
        const response = await call(route.method, path(route.path), { user, body: { junk: true } });
        expect(response, `${route.method} ${route.path} as ${user}`).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
      }
      // No token at all: not a user, so 401 before the portal's roles come in.
      expect(await call(route.method, path(route.path), { body: { junk: true } })).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
      // Every license function needs License Admin, whatever other roles the user holds.
      const almost = await call(route.method, path(route.path), { user: 'almost', body: {} });
      if (route.path.includes('/licenses') || route.path.includes('/activations')) {
        expect(almost, `${route.method} ${route.path}`).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
        expect(almost.body.message).toContain('License Admin');
      } else {
        expect(almost.status, `${route.method} ${route.path}`).not.toBe(403);
      }
    }
  });

  it('[PC-2] [PC-3] [PC-5] [PC-6] activates, lists, counts and renews over HTTP as a License Admin', async () => {
    const key = await r.key([{ featureCode: 'PDMS-AUDIO', count: 10, transactionType: 'New' }]);
    expect(await call('POST', '/audio/accounts/acme/activations', { user: 'olive', body: { activationKey: key } })).toMatchObject({
      status: 400, body: { error: 'AGREEMENT_NOT_ACCEPTED', where: 'acceptAgreement' },
    });
    const activated = await call('POST', '/audio/accounts/acme/activations', { user: 'olive', body: { activationKey: key, acceptAgreement: true } });
    expect(activated).toMatchObject({ status: 201, body: { activationKey: key, licenses: [{ licenseId: key, type: 'Managed Device', status: 'Active' }] } });
    const recordId = (activated.body.licenses as { recordId: string }[])[0]!.recordId;
    expect(await call('GET', '/audio/accounts/acme/licenses', { user: 'olive' })).toMatchObject({ status: 200, body: { licenses: [{ recordId, featureCode: 'PDMS-AUDIO' }] } });
    expect(await call('GET', '/audio/accounts/acme/licenses/summary', { user: 'olive' })).toMatchObject({ status: 200, body: { summary: { total: 1, active: 1 } } });
    expect(await call('POST', `/audio/accounts/acme/licenses/${recordId}/renewals`, { user: 'olive' })).toMatchObject({ status: 409, body: { error: 'NOT_RENEWABLE' } });
    await r.clock.advance(340 * 24 * 3_600_000);
    const renewed = await call('POST', `/audio/accounts/acme/licenses/${recordId}/renewals`, { user: 'olive', body: { years: 3 } });
    expect(renewed).toMatchObject({ status: 201, body: { renewal: { transactionType: 'Renewal', status: 'Impending', count: 10 } } });
  });

  it('[PC-1] acts only as a user of the token\'s own account, and never for a token tied to none', async () => {
    const rival = await r.t.token({ user: 'olive', roles: ['Customer'], accountId: 'rival' });
    const asRival = await http.call('GET', '/audio/accounts/acme/licenses', undefined, undefined, { authorization: `Bearer ${rival}` });
    expect(asRival).toMatchObject({ status: 403, body: { error: 'FORBIDDEN', where: 'accountId' } });
    // The Administrator passes every route's role, but is no user of the account.
    const admin = await http.call('GET', '/audio/accounts/acme/licenses', undefined, undefined, { authorization: `Bearer ${r.t.server.bootstrapToken}` });
    expect(admin).toMatchObject({ status: 403, body: { error: 'FORBIDDEN', where: 'authorization' } });
    expect(await call('GET', '/audio/accounts/acme/licenses', { user: 'olive' })).toMatchObject({ status: 200 });
  });

  it('[PC-1] lets one of two racing first sign-ups over HTTP in', async () => {
    const results = await Promise.all(['nina', 'mallory'].map((user) =>
      call('PUT', `/audio/accounts/newco/users/${user}`, { user, body: { roles: ['Account Admin'] } })));
    expect(results.map((x) => x.status).sort()).toEqual([200, 403]);
  });

  it('manages users and provisioning over HTTP', async () => {
    expect(await call('PUT', '/audio/accounts/newco/users/nina', { user: 'nina', body: { roles: ['Account Admin', 'Device Admin'] } })).toMatchObject({
      status: 200, body: { user: { accountId: 'newco', name: 'nina' } },
    });
    const token = await call('POST', '/audio/accounts/newco/provisioning-token', { user: 'nina' });
    expect(token).toMatchObject({ status: 200, body: { accountId: 'newco', provisioningToken: expect.any(String) } });
    expect(await call('GET', '/audio/accounts/newco/devices', { user: 'nina' })).toEqual({ status: 200, body: { devices: [] } });
  });

  it('answers bad input 400 {error, message} naming the field, after the role check', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/audio/accounts/acme/activations', { key: 'x' }, 'activationKey'],
      ['POST', '/audio/accounts/acme/activations', ['x'], '(root)'],
      ['POST', '/audio/accounts/acme/activations', { activationKey: 7 }, 'activationKey'],
      ['POST', '/audio/accounts/acme/licenses/x/renewals', { years: 2 }, 'years'],
      ['PUT', '/audio/accounts/acme/users/bob', { roles: 'License Admin' }, 'roles'],
      ['PUT', '/audio/accounts/acme/users/b%20b', { roles: [] }, 'name'],
    ];
    for (const [method, path, body, where] of cases) {
      const response = await call(method, path, { user: 'olive', body });
      expect(response, `${method} ${path}: ${String(response.body.message)}`).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where } });
      expect(typeof response.body.message).toBe('string');
    }
    expect(await call('POST', '/audio/accounts/acme/activations', { user: 'olive', raw: '{"activationKey":' })).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST' } });
    // No token is tied to a malformed account, so such a path is only ever another account's.
    const olive = { authorization: `Bearer ${await tokenOf('olive', 'acme')}` };
    expect(await http.call('GET', '/audio/accounts/bad%20id/licenses', undefined, undefined, olive)).toMatchObject({ status: 403, body: { error: 'FORBIDDEN', where: 'accountId' } });
    expect(await call('POST', '/audio/accounts/acme/licenses/nope/renewals', { user: 'olive' })).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
  });
});
