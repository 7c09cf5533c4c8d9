import { Router } from 'express';
import { z } from 'zod';
import type { SmartServerPortal } from '../portals/smartserver/SmartServerPortal.ts';
import { accountIdSchema, licenseIdSchema } from '../core/fields.ts';
import { bodyOf, param, sendResult, validateBody } from './respond.ts';

const customerBody = z.object({ name: z.string().trim().min(1).max(200) }).strict();
const assignBody = z.object({ partnerAccountId: accountIdSchema, licenseIds: z.array(licenseIdSchema).min(1).max(10_000) }).strict();
const offlineBody = z.object({
  installCode: z.string().min(1).max(64),
  requestCode: z.string().min(1).max(64),
  licenseIds: z.array(licenseIdSchema).min(1).max(256),
}).strict();

/**
 * The SmartServer portals' routes under /api/v1/smartserver (SS-*): the partner portal
 * (customers, assignment) and the customer portal (SS-8 offline activation). Servers reach the
 * cloud over their own link, where every request is proven with the device certificate, so no
 * route here acts for a server. Bodies are checked before anything runs; path parameters and
 * the rest by the operations, which name the field.
 */
export function smartserverRouter(portal: SmartServerPortal): Router {
  const router = Router();

  router.post('/smartserver/partners/:partnerAccountId/customers', validateBody(customerBody, 'customer'), async (req, res) => {
    const { name } = bodyOf<z.infer<typeof customerBody>>(res);
    sendResult(res, await portal.createCustomer({ partnerAccountId: param(req, 'partnerAccountId'), name }), (customer) => ({ customer }), 201);
  });

  router.get('/smartserver/partners/:partnerAccountId/customers', async (req, res) => {
    sendResult(res, await portal.listCustomers({ partnerAccountId: param(req, 'partnerAccountId') }), (customers) => ({ customers }));
  });

  router.post('/smartserver/customers/:customerId/licenses', validateBody(assignBody, 'license assignment'), async (req, res) => {
    const body = bodyOf<z.infer<typeof assignBody>>(res);
    sendResult(res, await portal.assignLicenses({ customerId: param(req, 'customerId'), ...body }), (licenses) => ({ licenses }));
  });

  router.get('/smartserver/customers/:customerId/licenses', async (req, res) => {
    sendResult(res, await portal.listForCustomer({ customerId: param(req, 'customerId') }), (licenses) => ({ licenses }));
  });

  router.post('/smartserver/customers/:customerId/offline-activations', validateBody(offlineBody, 'offline activation'), async (req, res) => {
    const body = bodyOf<z.infer<typeof offlineBody>>(res);
    sendResult(res, await portal.offlineActivate({ customerId: param(req, 'customerId'), ...body }), (activation) => activation, 201);
  });

  return router;
}
