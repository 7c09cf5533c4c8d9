import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { TOKEN_KIND } from './videoRecords.ts';
import { videoModule } from './videoModule.ts';

describe('video portal: access tokens', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[CL-8] lists the tokens of an account by user, never showing the secret again', async () => {
    const alice = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice@acme.example' }));
    await t.clock.advance(1000);
    const bob = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'bob@acme.example' }));
    unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'rival', user: 'eve@rival.example' }));
    expect(alice.token).toMatch(/^clt_[0-9a-f]{48}$/);
    expect(alice.token).not.toBe(bob.token);
    const listed = unwrap(await t.server.portal(videoModule).listAccessTokens({ accountId: 'acme' }));
    expect(listed).toEqual([
      { tokenId: alice.tokenId, user: 'alice@acme.example', status: 'Active', createdAt: alice.createdAt, revokedAt: null, lastUsedAt: null },
      { tokenId: bob.tokenId, user: 'bob@acme.example', status: 'Active', createdAt: alice.createdAt + 1000, revokedAt: null, lastUsedAt: null },
    ]);
    expect(JSON.stringify(listed)).not.toContain(alice.token);
  });

  it('[CL-8] keeps only a hash of the secret in the store', async () => {
    const { token } = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice' }));
    const records = await t.store.transaction((tx) => tx.records.list(TOKEN_KIND));
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records)).not.toContain(token.slice(4));
  });

  it('[CL-8] revokes a token once; a second revocation and an unknown token are refused', async () => {
    const { tokenId } = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice' }));
    await t.clock.advance(5000);
    const revoked = unwrap(await t.server.portal(videoModule).revokeAccessToken({ accountId: 'acme', tokenId }));
    expect(revoked).toMatchObject({ tokenId, status: 'Revoked', revokedAt: t.clock.now() });
    expect(await t.server.portal(videoModule).revokeAccessToken({ accountId: 'acme', tokenId })).toMatchObject({ ok: false, error: { code: 'TOKEN_REVOKED' } });
    expect(await t.server.portal(videoModule).revokeAccessToken({ accountId: 'acme', tokenId: 'tok-nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'tokenId' } });
    // Another account cannot revoke it, even knowing its ID.
    unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'rival', user: 'eve' }));
    expect(await t.server.portal(videoModule).revokeAccessToken({ accountId: 'rival', tokenId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(unwrap(await t.server.portal(videoModule).listAccessTokens({ accountId: 'acme' }))[0]!.status).toBe('Revoked');
  });

  it('refuses bad input naming the field', async () => {
    expect(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'user' } });
    expect(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme' } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'user' } });
    expect(await t.server.portal(videoModule).listAccessTokens({ accountId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.server.portal(videoModule).revokeAccessToken({ accountId: 'acme', tokenId: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'tokenId' } });
  });
});
