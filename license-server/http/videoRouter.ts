import { Router } from 'express';
import { z } from 'zod';
import { videoOps } from '../../protocol/messages/video.ts';
import type { VideoPortal } from '../portals/video/VideoPortal.ts';
import { bodyOf, param, sendResult, validateBody } from './respond.ts';

const activationBody = z.object({ activationKey: z.string().min(1).max(64) }).strict();
const tokenBody = z.object({ user: z.string().min(1).max(128) }).strict();
const standardBody = z.object({ requestCode: z.string().min(1).max(64) }).strict();
const typed = z.string().min(1).max(128);
const restrictiveBody = z.object({
  name: typed, type: typed, version: typed, requestCode: z.string().min(1).max(64), serial: typed.optional(), hostName: typed.optional(),
}).strict();
const assignBody = z.object({ productId: z.string().min(1).max(64), count: z.number().int().min(0).max(1_000_000) }).strict();
const emptyBody = z.object({}).strict();

/**
 * The video portal's routes (CL-*) under /api/v1/video. Bodies are checked here before
 * anything runs; path parameters by the operations, which name the field.
 */
export function videoRouter(video: VideoPortal): Router {
  const router = Router();
  const account = '/video/accounts/:accountId';

  router.post(`${account}/activations`, validateBody(activationBody, 'activation'), async (req, res) => {
    const { activationKey } = bodyOf<z.infer<typeof activationBody>>(res);
    sendResult(res, await video.activate({ accountId: param(req, 'accountId'), activationKey }), (licenses) => ({ licenses }), 201);
  });

  router.get(`${account}/access-tokens`, async (req, res) => {
    sendResult(res, await video.listAccessTokens({ accountId: param(req, 'accountId') }), (tokens) => ({ tokens }));
  });

  router.post(`${account}/access-tokens`, validateBody(tokenBody, 'access token'), async (req, res) => {
    const { user } = bodyOf<z.infer<typeof tokenBody>>(res);
    sendResult(res, await video.createAccessToken({ accountId: param(req, 'accountId'), user }), (token) => ({ token }), 201);
  });

  router.post(`${account}/access-tokens/:tokenId/revoke`, validateBody(emptyBody, 'revocation', { optional: true }), async (req, res) => {
    const result = await video.revokeAccessToken({ accountId: param(req, 'accountId'), tokenId: param(req, 'tokenId') });
    sendResult(res, result, (token) => ({ token }));
  });

  router.get(`${account}/products`, async (req, res) => {
    sendResult(res, await video.listProducts({ accountId: param(req, 'accountId') }), (products) => ({ products }));
  });

  router.post(`${account}/products/standard`, validateBody(standardBody, 'standard purchased product'), async (req, res) => {
    const body = bodyOf<z.infer<typeof standardBody>>(res);
    sendResult(res, await video.addStandardProduct({ accountId: param(req, 'accountId'), ...body }), (product) => ({ product }), 201);
  });

  router.post(`${account}/products/restrictive`, validateBody(restrictiveBody, 'restrictive purchased product'), async (req, res) => {
    const body = bodyOf<z.infer<typeof restrictiveBody>>(res);
    sendResult(res, await video.addRestrictiveProduct({ accountId: param(req, 'accountId'), ...body }), (product) => ({ product }), 201);
  });

  router.post(`${account}/products/:productId/process-license`, validateBody(emptyBody, 'process license', { optional: true }), async (req, res) => {
    const result = await video.processLicense({ accountId: param(req, 'accountId'), productId: param(req, 'productId') });
    sendResult(res, result, (issued) => issued);
  });

  router.get(`${account}/entitlements`, async (req, res) => {
    sendResult(res, await video.listEntitlements({ accountId: param(req, 'accountId') }), (entitlements) => ({ entitlements }));
  });

  router.post(`${account}/entitlements/:featureCode/assignments`, validateBody(assignBody, 'assignment'), async (req, res) => {
    const body = bodyOf<z.infer<typeof assignBody>>(res);
    const result = await video.assignEntitlement({ accountId: param(req, 'accountId'), featureCode: param(req, 'featureCode'), ...body });
    sendResult(res, result, (entitlement) => ({ entitlement }));
  });

  // CL-3 for a product on a real network: the same exchange as the link's video.updateLicense.
  router.post('/video/product-updates', validateBody(videoOps.updateLicense.request, 'update license'), async (_req, res) => {
    sendResult(res, await video.updateFromProduct(bodyOf(res)), (reply) => reply);
  });

  return router;
}
