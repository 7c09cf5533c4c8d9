import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverRoles, ServerRole } from '../auth/ServerRole.ts';
import { coreModule } from '../core/coreModule.ts';
import { portalModules } from '../portals/portalModules.ts';
import type { PortalModule } from '../portals/PortalModule.ts';
import { createTestServer, type TestServer } from '../testing/createTestServer.ts';
import { serveForTest, type HttpReply, type HttpTestClient } from '../testing/httpTestClient.ts';
import { API_PREFIX } from './createHttpApi.ts';
import { isPublic, needsRole, type RouteAccess } from './RouteAccess.ts';

/** Every route of every bundled module, read from the modules: a route added later is covered too. */
const routes = ([coreModule, ...portalModules] as PortalModule<unknown>[]).flatMap((m) => (m.routes ?? []).map((r) => ({
  method: r.method.toUpperCase(),
  path: `${m.mount ?? `/${m.name}`}${r.path}`,
  access: r.access,
  name: `${r.method.toUpperCase()} ${API_PREFIX}${m.mount ?? `/${m.name}`}${r.path}`,
})));
const guarded = routes.filter((r) => !isPublic(r.access));
/** The routes that need a role, i.e. all guarded ones but `GET /session`, which takes any token. */
const roleRoutes = routes.filter((r) => needsRole(r.access)) as (typeof routes[number] & { access: Extract<RouteAccess, { role: string }> })[];

/** The routes docs/http.md marks public. */
const documentedPublic = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'http.md'), 'utf8').split('\n')
  .filter((line) => /^\| (GET|POST|PUT|DELETE) \|/.test(line))
  .map((line) => line.split('|').map((c) => c.trim()))
  .filter((cells) => cells[6] === 'public')
  .map((cells) => `${cells[1]} ${cells[2]!.replace(/`/g, '')}`);

/** The route's path with every parameter `acme`, and a body naming `acme` in its account field. */
function request(route: { path: string; access: RouteAccess }): { path: string; body: Record<string, string> | undefined } {
  const path = route.path.replace(/:[A-Za-z0-9_]+/g, 'acme');
  const field = needsRole(route.access) ? route.access.account : undefined;
  return { path, body: field === undefined ? {} : { [field]: 'acme' } };
}

describe('who may call each route', () => {
  let t: TestServer;
  let http: HttpTestClient;
  beforeEach(async () => {
    t = await createTestServer();
    http = await serveForTest(t.server.http(), API_PREFIX);
  });
  afterEach(async () => {
    await http.close();
    await t.close();
  });

  const send = (route: { method: string; path: string; access: RouteAccess }, authorization?: string): Promise<HttpReply> => {
    const { path, body } = request(route);
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    return route.method === 'GET' ? http.call('GET', path, undefined, undefined, headers) : http.call(route.method, path, body, undefined, headers);
  };

  it('reaches no route without a token but the public ones docs/http.md lists', async () => {
    expect(guarded.length).toBeGreaterThan(25);
    const open: string[] = [];
    for (const route of routes) {
      const reply = await send(route);
      if (reply.status !== 401) {
        open.push(`${route.method} ${API_PREFIX}${route.path}`);
        continue;
      }
      expect(reply.body, route.name).toEqual({ error: 'UNAUTHENTICATED', message: expect.stringContaining('Authorization: Bearer') });
      expect(reply.headers?.['www-authenticate'], route.name).toBe('Bearer realm="fleetrig"');
    }
    expect(open.sort()).toEqual(documentedPublic.sort());
    expect(routes.filter((r) => isPublic(r.access)).map((r) => r.name).sort()).toEqual(documentedPublic.sort());
  });

  it('answers 401 invalid_token to an unknown token, and 401 to a header that is not Bearer', async () => {
    for (const route of guarded) {
      const unknown = await send(route, 'Bearer flt_00000000000000000000000000000000');
      expect(unknown, route.name).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED', message: 'the bearer token is not one this server issued' } });
      expect(unknown.headers?.['www-authenticate']).toBe('Bearer realm="fleetrig", error="invalid_token"');
      expect(await send(route, `Basic ${Buffer.from('admin:admin').toString('base64')}`), route.name).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    }
  });

  it('answers 401 to a revoked token on every route, revoked over HTTP', async () => {
    const admin = { authorization: `Bearer ${t.server.bootstrapToken}` };
    const minted = await http.call('POST', '/tokens', { user: 'ada', roles: [ServerRole.Administrator] }, undefined, admin);
    expect(minted).toMatchObject({ status: 201, body: { user: 'ada', roles: ['Administrator'], accountId: null, status: 'Active', token: expect.stringMatching(/^flt_[0-9a-f]{32}$/) } });
    const { token, tokenId } = minted.body as { token: string; tokenId: string };
    expect((await http.call('GET', '/audit', undefined, undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(await http.call('POST', `/tokens/${tokenId}/revoke`, undefined, undefined, admin)).toMatchObject({ status: 200, body: { token: { tokenId, status: 'Revoked' } } });
    for (const route of guarded) {
      const reply = await send(route, `Bearer ${token}`);
      expect(reply, route.name).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED', message: expect.stringContaining(`${tokenId} was revoked`) } });
    }
  });

  it('answers 403 naming the role to a token without it, on every route of every portal', async () => {
    for (const route of roleRoutes) {
      const others = serverRoles.filter((role) => role !== route.access.role && role !== ServerRole.Administrator);
      const token = await t.token({ user: 'wrong', roles: others });
      const reply = await send(route, `Bearer ${token}`);
      expect(reply, route.name).toMatchObject({ status: 403, body: { error: 'FORBIDDEN', where: 'authorization' } });
      expect(reply.body.message, route.name).toContain(`${route.name} needs the ${route.access.role} role`);
    }
  });

  it('keeps a token tied to an account to that account, and off routes that name none', async () => {
    for (const route of roleRoutes.filter((r) => r.access.role !== ServerRole.Administrator)) {
      const rival = await t.token({ user: 'rival', roles: [route.access.role], accountId: 'rival' });
      const reply = await send(route, `Bearer ${rival}`);
      expect(reply, route.name).toMatchObject({ status: 403, body: { error: 'FORBIDDEN', where: route.access.account ?? 'authorization' } });
      if (route.access.account === undefined) continue;
      // The same role tied to the account the request names gets past the route layer.
      const own = await t.token({ user: 'olive', roles: [route.access.role], accountId: 'acme' });
      const admitted = await send(route, `Bearer ${own}`);
      expect(admitted.status, route.name).not.toBe(401);
      // Whatever the operation then says, it is not the route layer's refusal.
      if (admitted.status === 403) expect([route.access.account, 'authorization'], `${route.name}: ${String(admitted.body.message)}`).not.toContain(admitted.body.where);
    }
  });
});

describe('API tokens', () => {
  let t: TestServer;
  let http: HttpTestClient;
  beforeEach(async () => {
    t = await createTestServer();
    http = await serveForTest(t.server.http(), API_PREFIX, { token: t.server.bootstrapToken });
  });
  afterEach(async () => {
    await http.close();
    await t.close();
  });

  it('draws the bootstrap token from the seed, once per store', async () => {
    const again = await createTestServer({ store: t.store });
    expect(again.server.bootstrapToken).toBe(t.server.bootstrapToken);
    const other = await createTestServer({ seed: 'another', store: t.store });
    expect(other.server.bootstrapToken).not.toBe(t.server.bootstrapToken);
    expect(t.server.bootstrapToken).toMatch(/^flt_[0-9a-f]{32}$/);
  });

  it('mints, lists and revokes over HTTP, keeping only hashes and auditing who did it', async () => {
    const minted = await http.call('POST', '/tokens', { user: 'olive', roles: ['Customer'], accountId: 'acme' });
    expect(minted.status).toBe(201);
    const { token, tokenId } = minted.body as { token: string; tokenId: string };
    const listed = await http.call('GET', '/tokens');
    expect(listed.body.tokens).toMatchObject([{ user: 'bootstrap', roles: ['Administrator'] }, { tokenId, user: 'olive', accountId: 'acme', status: 'Active' }]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(JSON.stringify(await t.store.transaction((tx) => tx.records.list('auth.token')))).not.toContain(token);
    expect(await http.call('POST', `/tokens/${tokenId}/revoke`)).toMatchObject({ status: 200, body: { token: { status: 'Revoked' } } });
    expect(await http.call('POST', `/tokens/${tokenId}/revoke`)).toMatchObject({ status: 403, body: { error: 'TOKEN_REVOKED', where: 'tokenId' } });
    expect(await http.call('POST', '/tokens/tok-nope/revoke')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND', where: 'tokenId' } });
    const bootstrapId = (listed.body.tokens as { tokenId: string }[])[0]!.tokenId;
    const audit = (await t.server.audit()).filter((e) => e.action.startsWith('token.'));
    expect(audit.map((e) => [e.action, e.actor, e.outcome])).toEqual([
      ['token.create', `token:${bootstrapId}`, 'ok'],
      ['token.revoke', `token:${bootstrapId}`, 'ok'],
      ['token.revoke', `token:${bootstrapId}`, 'refused'],
      ['token.revoke', `token:${bootstrapId}`, 'refused'],
    ]);
  });

  it('tells any token who holds it at GET /session, never the secret, and a revoked one 401', async () => {
    const minted = await http.call('POST', '/tokens', { user: 'olive', roles: ['Customer'], accountId: 'acme' });
    const { token, tokenId } = minted.body as { token: string; tokenId: string };
    const olive = { authorization: `Bearer ${token}` };
    const session = await http.call('GET', '/session', undefined, undefined, olive);
    expect(session).toMatchObject({ status: 200, body: { session: { tokenId, user: 'olive', roles: ['Customer'], accountId: 'acme' } } });
    expect(JSON.stringify(session.body)).not.toContain(token);
    await http.call('POST', `/tokens/${tokenId}/revoke`);
    expect(await http.call('GET', '/session', undefined, undefined, olive)).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
  });

  it('refuses bad token requests 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ user: 'x', roles: [] }, 'roles'],
      [{ user: 'x', roles: ['Root'] }, 'roles.0'],
      [{ user: 'x', roles: ['Vendor', 'Vendor'] }, 'roles'],
      [{ user: 'has space', roles: ['Vendor'] }, 'user'],
      [{ user: 'x', roles: ['Vendor'], accountId: 'bad id' }, 'accountId'],
      [{ user: 'x', roles: ['Vendor'], secret: 'mine' }, '(root)'],
    ];
    for (const [body, where] of cases) {
      expect(await http.call('POST', '/tokens', body), JSON.stringify(body)).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where } });
    }
  });

  it('lets an order desk order but not read the audit log', async () => {
    const desk = await serveForTest(t.server.http(), API_PREFIX, { token: await t.token({ user: 'desk', roles: ['Vendor'] }) });
    try {
      expect((await desk.call('POST', '/orders', { accountId: 'acme', items: [{ featureCode: 'F', count: 1 }] })).status).toBe(201);
      expect(await desk.call('GET', '/audit')).toMatchObject({ status: 403, body: { error: 'FORBIDDEN', message: expect.stringContaining('needs the Administrator role') } });
    } finally {
      await desk.close();
    }
  });
});
