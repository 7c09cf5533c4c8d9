import { videoOps } from '../../../protocol/messages/video.ts';
import { ServerRole } from '../../auth/ServerRole.ts';
import { opRoute } from '../../http/route.ts';
import { deviceOp } from '../../link/deviceOp.ts';
import { definePortal } from '../PortalModule.ts';
import { createVideoPortal, type VideoPortal } from './VideoPortal.ts';

const customer = { role: ServerRole.Customer, account: 'accountId' };

/** The video portal (CL-*): its facet, its routes under /api/v1/video, the products' CL-3 op. */
export const videoModule = definePortal<VideoPortal>({
  name: 'video',
  create: createVideoPortal,
  routes: [
    opRoute('get', '/accounts/:accountId/access-tokens', (v: VideoPortal, input) => v.listAccessTokens(input), { access: customer, reply: (tokens) => ({ tokens }) }),
    opRoute('post', '/accounts/:accountId/access-tokens', (v: VideoPortal, input) => v.createAccessToken(input), { access: customer, reply: (token) => ({ token }), status: 201 }),
    opRoute('post', '/accounts/:accountId/access-tokens/:tokenId/revoke', (v: VideoPortal, input) => v.revokeAccessToken(input), { access: customer, reply: (token) => ({ token }), body: 'optional' }),
    opRoute('get', '/accounts/:accountId/products', (v: VideoPortal, input) => v.listProducts(input), { access: customer, reply: (products) => ({ products }) }),
    opRoute('post', '/accounts/:accountId/products/standard', (v: VideoPortal, input) => v.addStandardProduct(input), { access: customer, reply: (product) => ({ product }), status: 201 }),
    opRoute('post', '/accounts/:accountId/products/restrictive', (v: VideoPortal, input) => v.addRestrictiveProduct(input), { access: customer, reply: (product) => ({ product }), status: 201 }),
    opRoute('post', '/accounts/:accountId/products/:productId/process-license', (v: VideoPortal, input) => v.processLicense(input), { access: customer, body: 'optional' }),
    opRoute('get', '/accounts/:accountId/entitlements', (v: VideoPortal, input) => v.listEntitlements(input), { access: customer, reply: (entitlements) => ({ entitlements }) }),
    opRoute('post', '/accounts/:accountId/entitlements/:featureCode/assignments', (v: VideoPortal, input) => v.assignEntitlement(input), { access: customer, reply: (entitlement) => ({ entitlement }) }),
    // CL-3 for a product on a real network: the same exchange as the link's op.
    opRoute('post', '/product-updates', (v: VideoPortal, input) => v.updateFromProduct(input), { access: { public: 'the product proves itself with the access token in the body (CL-3)' } }),
  ],
  deviceOps: [
    deviceOp(videoOps.updateLicense, (v: VideoPortal, body) => v.updateFromProduct(body)),
  ],
});
