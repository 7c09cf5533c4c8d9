import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openResponseCode } from '../../../protocol/responseCode.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { shownCode, videoLicenses } from './testing/videoPortalRig.ts';
import { videoModule } from './videoModule.ts';

describe('video portal: Update License from a product', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  const update = (token: string, shown: ReturnType<typeof shownCode>) =>
    t.server.portal(videoModule).updateFromProduct({ accessToken: token, requestCode: shown.code, product: shown.fields });

  it("[CL-3] registers the product under the token's account and answers with its entitlements", async () => {
    await videoLicenses(t, 'acme', [{ featureCode: 'CLARITI-PORTS', count: 10 }]);
    const { token, tokenId } = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice' }));
    const shown = shownCode(t, 'core-a');
    const first = unwrap(await update(token, shown));
    expect(first.productId).toBe(shown.fingerprint);
    const [listed] = unwrap(await t.server.portal(videoModule).listProducts({ accountId: 'acme' }));
    expect(listed).toMatchObject({ mode: 'online', name: shown.fields.name, type: 'Clariti Core', lastConnectedAt: t.clock.now() });
    expect(unwrap(await t.server.portal(videoModule).listAccessTokens({ accountId: 'acme' }))).toMatchObject([{ tokenId, lastUsedAt: t.clock.now() }]);

    unwrap(await t.server.portal(videoModule).assignEntitlement({ accountId: 'acme', featureCode: 'CLARITI-PORTS', productId: first.productId, count: 7 }));
    const refresh = shownCode(t, 'core-a', { n: 2 });
    const second = unwrap(await update(token, refresh));
    const opened = unwrap(openResponseCode(second.responseCode, { vendorPublicKey: t.server.vendorPublicKey, identity: refresh.identity, requestNonce: refresh.nonce }));
    expect(opened.grants.map((g) => [g.featureCode, g.count])).toEqual([['CLARITI-PORTS', 7]]);
  });

  it('[CL-3][CL-8] refuses a revoked token and one the portal never issued, registering nothing', async () => {
    const { token, tokenId } = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice' }));
    unwrap(await t.server.portal(videoModule).revokeAccessToken({ accountId: 'acme', tokenId }));
    expect(await update(token, shownCode(t, 'core-a'))).toMatchObject({ ok: false, error: { code: 'TOKEN_REVOKED', where: 'accessToken' } });
    expect(await update('clt_made_up', shownCode(t, 'core-a'))).toMatchObject({ ok: false, error: { code: 'TOKEN_UNKNOWN', where: 'accessToken' } });
    expect(unwrap(await t.server.portal(videoModule).listProducts({ accountId: 'acme' }))).toEqual([]);
  });

  it("refuses a product whose reported fields disagree with its request code, and malformed bodies", async () => {
    const { token } = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice' }));
    const shown = shownCode(t, 'core-a');
    const lying = await t.server.portal(videoModule).updateFromProduct({ accessToken: token, requestCode: shown.code, product: { ...shown.fields, version: '9.9.9' } });
    expect(lying).toMatchObject({ ok: false, error: { code: 'FIELD_MISMATCH', where: 'version' } });
    expect(await t.server.portal(videoModule).updateFromProduct({ accessToken: token, requestCode: shown.code } as never))
      .toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'product' } });
    expect(await t.server.portal(videoModule).updateFromProduct({ accessToken: token, requestCode: 'nonsense', product: shown.fields }))
      .toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
  });
});
