import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../protocol/messages/envelope.ts';
import { serveTestLink, type TestLink } from '../../testing/testLink.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { shownCode } from './testing/videoPortalRig.ts';
import { videoModule } from './videoModule.ts';

describe('video link handlers', () => {
  let t: TestServer;
  let link: TestLink;
  beforeEach(async () => {
    t = await createTestServer();
    link = serveTestLink(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const exchange = (body: unknown): Promise<Reply> =>
    link.exchange({ id: `r${link.replies.length}`, op: 'video.updateLicense', deviceId: 'cl-001', body });

  it('[CL-3] answers a product\'s Update License with a response code', async () => {
    const { token } = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice' }));
    const shown = shownCode(t, 'core-a');
    const reply = await exchange({ accessToken: token, requestCode: shown.code, product: shown.fields });
    expect(reply).toMatchObject({ ok: true, body: { productId: shown.fingerprint, responseCode: expect.stringMatching(/^RSP1\./) } });
  });

  it('refuses a malformed body naming the field, and a revoked token with its code', async () => {
    const shown = shownCode(t, 'core-a');
    expect(await exchange({ accessToken: 'x', requestCode: shown.code, product: { ...shown.fields, name: 7 } }))
      .toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('product.name') } });
    expect(await exchange({ accessToken: 'x', requestCode: shown.code, product: shown.fields, extra: true }))
      .toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const { token, tokenId } = unwrap(await t.server.portal(videoModule).createAccessToken({ accountId: 'acme', user: 'alice' }));
    unwrap(await t.server.portal(videoModule).revokeAccessToken({ accountId: 'acme', tokenId }));
    expect(await exchange({ accessToken: token, requestCode: shown.code, product: shown.fields }))
      .toMatchObject({ ok: false, error: { code: 'TOKEN_REVOKED' } });
  });
});
