import { Router } from 'express';
import { z } from 'zod';
import type { GatewayPortal } from '../portals/gateway/GatewayPortal.ts';
import { createOrderInput } from '../portals/gateway/createOrder.ts';
import { hardwareIdSchema } from '../core/fields.ts';
import { bodyOf, param, sendResult, validateBody } from './respond.ts';

const activationBody = z.object({ activationKey: z.string().min(1).max(64) }).strict();
const bindBody = z.object({ hardwareId: hardwareIdSchema }).strict();
const moveBody = z.object({ toHardwareId: hardwareIdSchema, reason: z.string().max(500).optional() }).strict();
const emptyBody = z.object({}).strict();
const invalidationBody = z.object({
  licenseIds: z.array(z.string().min(1).max(128)).min(1).max(256),
  certificate: z.string().min(1).max(4096),
  proof: z.string().min(1).max(256),
  requestId: z.string().min(1).max(64),
}).strict();

/**
 * The gateway portal's routes (GW-*). Path parameters are checked by the operations
 * themselves, which name the field; bodies are checked here before anything runs.
 */
export function gatewayRouter(gateway: GatewayPortal): Router {
  const router = Router();

  router.post('/orders', validateBody(createOrderInput, 'order'), async (_req, res) => {
    sendResult(res, await gateway.createOrder(bodyOf(res)), (order) => order, 201);
  });

  router.post('/accounts/:accountId/activations', validateBody(activationBody, 'activation'), async (req, res) => {
    const { activationKey } = bodyOf<z.infer<typeof activationBody>>(res);
    const result = await gateway.activate({ accountId: param(req, 'accountId'), activationKey });
    sendResult(res, result, (licenses) => ({ licenses }), 201);
  });

  router.get('/accounts/:accountId/licenses', async (req, res) => {
    sendResult(res, await gateway.listLicenses({ accountId: param(req, 'accountId') }), (licenses) => ({ licenses }));
  });

  router.post('/licenses/:licenseId/bind', validateBody(bindBody, 'bind'), async (req, res) => {
    const { hardwareId } = bodyOf<z.infer<typeof bindBody>>(res);
    sendResult(res, await gateway.bind({ licenseId: param(req, 'licenseId'), hardwareId }), (license) => ({ license }));
  });

  router.post('/licenses/:licenseId/move', validateBody(moveBody, 'move'), async (req, res) => {
    const body = bodyOf<z.infer<typeof moveBody>>(res);
    sendResult(res, await gateway.move({ licenseId: param(req, 'licenseId'), ...body }), (license) => ({ license }));
  });

  router.get('/devices/:hardwareId/licenses', async (req, res) => {
    sendResult(res, await gateway.filesForDevice({ hardwareId: param(req, 'hardwareId') }), (files) => ({ files }));
  });

  router.post('/devices/:hardwareId/test-license', validateBody(emptyBody, 'test license', { optional: true }), async (req, res) => {
    sendResult(res, await gateway.issueTestLicense({ hardwareId: param(req, 'hardwareId') }), (file) => ({ file }), 201);
  });

  router.post('/devices/:hardwareId/invalidations', validateBody(invalidationBody, 'invalidation'), async (req, res) => {
    const body = bodyOf<z.infer<typeof invalidationBody>>(res);
    const result = await gateway.invalidate({ hardwareId: param(req, 'hardwareId'), ...body });
    sendResult(res, result, (invalidated) => ({ invalidated }));
  });

  return router;
}
