import { videoModule } from '../../../license-server/portals/video/videoModule.ts';
import { newRequestCode } from '../../../protocol/codes/requestCode.ts';
import { ok } from '../../../protocol/result.ts';
import { activatedOrder, seedStep, type PortalSeed } from '../PortalSeed.ts';

export const VIDEO_SEED_ACCOUNT = 'acme';
export const VIDEO_SEED_USER = 'alice@acme.example';
const ENTITLEMENTS = [{ featureCode: 'CLARITI-PORTS', count: 10 }, { featureCode: 'CLARITI-USERS', count: 50 }];

/**
 * [CL-2] [CL-3] [CL-4] [CL-6] [CL-8] Account acme with CLARITI-PORTS ×10 and CLARITI-USERS ×50
 * activated, an access token for alice, and the product listed under Purchased Products with
 * both pools assigned to it: `configure token <t>` then `update` installs them. The portal
 * lists a product by its request code's fingerprint, which is its hardware ID's, so the seed
 * adds it with a request code of its own drawing, as if copied from License Product; the
 * product's first Update License replaces it with the one it sends.
 */
export const seedVideoPortal: PortalSeed = async ({ server, identity, random }) => {
  const accountId = VIDEO_SEED_ACCOUNT;
  const portal = server.portal(videoModule);
  const activated = await activatedOrder(server, { accountId, items: ENTITLEMENTS });
  if (!activated.ok) return activated;
  const token = seedStep(await portal.createAccessToken({ accountId, user: VIDEO_SEED_USER }), 'creating the access token');
  if (!token.ok) return token;
  const requestCode = newRequestCode({ identity: identity.hardwareId, random: random.fork('request-code') }).code;
  const product = seedStep(await portal.addStandardProduct({ accountId, requestCode }), 'listing the product');
  if (!product.ok) return product;
  for (const { featureCode, count } of ENTITLEMENTS) {
    const assigned = seedStep(await portal.assignEntitlement({ accountId, featureCode, productId: product.value.productId, count }), `assigning ${featureCode}`);
    if (!assigned.ok) return assigned;
  }
  return ok({
    holds: [
      ['account', `${accountId} (access token of ${VIDEO_SEED_USER})`],
      ['product', `${product.value.productId}, assigned ${ENTITLEMENTS.map((e) => `${e.featureCode} ${e.count}`).join(', ')}`],
      ['access token', token.value.token],
    ],
    type: [`configure token ${token.value.token}`, 'update', 'entitlements'],
  });
};
