import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openResponseCode } from '../../../protocol/responseCode.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createTestServer, type TestServer } from '../../testing/createTestServer.ts';
import { shownCode, videoLicenses } from './testing/videoPortalRig.ts';
import { videoModule } from './videoModule.ts';

describe('video portal: Process License', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    await t.close();
  });

  it('[CL-7] yields a signed response code bound to the product and its latest request, carrying its entitlements', async () => {
    await videoLicenses(t, 'acme', [{ featureCode: 'CLARITI-PORTS', count: 10 }, { featureCode: 'CLARITI-USERS', count: 100 }]);
    const shown = shownCode(t, 'core-a');
    const { productId } = unwrap(await t.server.portal(videoModule).addStandardProduct({ accountId: 'acme', requestCode: shown.code }));
    for (const [featureCode, count] of [['CLARITI-PORTS', 6], ['CLARITI-USERS', 40]] as const) {
      unwrap(await t.server.portal(videoModule).assignEntitlement({ accountId: 'acme', featureCode, productId, count }));
    }
    const issued = unwrap(await t.server.portal(videoModule).processLicense({ accountId: 'acme', productId }));
    const opened = unwrap(openResponseCode(issued.responseCode, { vendorPublicKey: t.server.vendorPublicKey, identity: shown.identity, requestNonce: shown.nonce }));
    expect(opened).toMatchObject({ family: 'video', fingerprint: productId, requestNonce: shown.nonce, issuedAt: t.clock.now() });
    expect(opened.grants.map((g) => [g.featureCode, g.count])).toEqual([['CLARITI-PORTS', 6], ['CLARITI-USERS', 40]]);
    expect(openResponseCode(issued.responseCode, { vendorPublicKey: t.server.vendorPublicKey, identity: t.device('core-b').hardwareId, requestNonce: shown.nonce }))
      .toMatchObject({ ok: false, error: { code: 'RESPONSE_FOREIGN' } });
    expect(unwrap(await t.server.portal(videoModule).listProducts({ accountId: 'acme' }))[0]!.lastProcessedAt).toBe(t.clock.now());
  });

  it('[CL-7] answers the newest request code added for the product', async () => {
    const first = shownCode(t, 'core-a');
    const { productId } = unwrap(await t.server.portal(videoModule).addStandardProduct({ accountId: 'acme', requestCode: first.code }));
    const second = shownCode(t, 'core-a', { n: 2 });
    unwrap(await t.server.portal(videoModule).addStandardProduct({ accountId: 'acme', requestCode: second.code }));
    const { responseCode, grants } = unwrap(await t.server.portal(videoModule).processLicense({ accountId: 'acme', productId }));
    expect(grants).toEqual([]);
    const open = (nonce: string) => openResponseCode(responseCode, { vendorPublicKey: t.server.vendorPublicKey, identity: first.identity, requestNonce: nonce });
    expect(open(second.nonce).ok).toBe(true);
    expect(open(first.nonce)).toMatchObject({ ok: false, error: { code: 'RESPONSE_STALE' } });
  });

  it('refuses a product not listed in the account', async () => {
    const { productId } = unwrap(await t.server.portal(videoModule).addStandardProduct({ accountId: 'rival', requestCode: shownCode(t, 'core-r').code }));
    expect(await t.server.portal(videoModule).processLicense({ accountId: 'acme', productId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'productId' } });
    expect(await t.server.portal(videoModule).processLicense({ accountId: 'acme', productId: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'productId' } });
  });
});
