import { videoOps } from '../../../protocol/messages/video.ts';
import { opRoute } from '../../http/route.ts';
import { deviceOp } from '../../link/deviceOp.ts';
import { definePortal } from '../PortalModule.ts';
import { createVideoPortal, type VideoPortal } from './VideoPortal.ts';

/** The video portal (CL-*): its facet, its routes under /api/v1/video, the products' CL-3 op. */
export const videoModule = definePortal<VideoPortal>({
  name: 'video',
  create: createVideoPortal,
  routes: [
    opRoute('get', '/accounts/:accountId/access-tokens', (v: VideoPortal, input) => v.listAccessTokens(input), { reply: (tokens) => ({ tokens }) }),
    opRoute('post', '/accounts/:accountId/access-tokens', (v: VideoPortal, input) => v.createAccessToken(input), { reply: (token) => ({ token }), status: 201 }),
    opRoute('post', '/accounts/:accountId/access-tokens/:tokenId/revoke', (v: VideoPortal, input) => v.revokeAccessToken(input), { reply: (token) => ({ token }), body: 'optional' }),
    opRoute('get', '/accounts/:accountId/products', (v: VideoPortal, input) => v.listProducts(input), { reply: (products) => ({ products }) }),
    opRoute('post', '/accounts/:accountId/products/standard', (v: VideoPortal, input) => v.addStandardProduct(input), { reply: (product) => ({ product }), status: 201 }),
    opRoute('post', '/accounts/:accountId/products/restrictive', (v: VideoPortal, input) => v.addRestrictiveProduct(input), { reply: (product) => ({ product }), status: 201 }),
    opRoute('post', '/accounts/:accountId/products/:productId/process-license', (v: VideoPortal, input) => v.processLicense(input), { body: 'optional' }),
    opRoute('get', '/accounts/:accountId/entitlements', (v: VideoPortal, input) => v.listEntitlements(input), { reply: (entitlements) => ({ entitlements }) }),
    opRoute('post', '/accounts/:accountId/entitlements/:featureCode/assignments', (v: VideoPortal, input) => v.assignEntitlement(input), { reply: (entitlement) => ({ entitlement }) }),
    // CL-3 for a product on a real network: the same exchange as the link's op.
    opRoute('post', '/product-updates', (v: VideoPortal, input) => v.updateFromProduct(input)),
  ],
  deviceOps: [
    deviceOp(videoOps.updateLicense, (v: VideoPortal, body) => v.updateFromProduct(body)),
  ],
});
