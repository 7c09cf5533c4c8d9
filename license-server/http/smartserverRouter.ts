import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Result } from '../../protocol/result.ts';
import type { SmartServerPortal } from '../portals/smartserver/SmartServerPortal.ts';
import { accountIdSchema, licenseIdSchema } from '../core/fields.ts';
import { failureStatus } from './failureStatus.ts';
import { bodyOf, param, validateBody } from './respond.ts';

const customerBody = z.object({ name: z.string().trim().min(1).max(200) }).strict();
const assignBody = z.object({ partnerAccountId: accountIdSchema, licenseIds: z.array(licenseIdSchema).min(1).max(10_000) }).strict();
const offlineBody = z.object({
  installCode: z.string().min(1).max(64),
  requestCode: z.string().min(1).max(64),
  licenseIds: z.array(licenseIdSchema).min(1).max(256),
}).strict();
const activationBody = z.object({ customerId: z.string().min(1).max(64), licenseIds: z.array(licenseIdSchema).min(1).max(256) }).strict();
const emptyBody = z.object({}).strict();

/** Statuses for the SmartServer codes the shared table does not know; the rest as everywhere. */
const STATUS: Record<string, number> = {
  CUSTOMER_UNKNOWN: 404,
  LICENSE_OTHER_CUSTOMER: 403,
  LICENSE_WRONG_FAMILY: 409,
  NOTHING_TO_TRANSFER: 409,
  CODE_FOREIGN: 400,
};

function send<T>(res: Response, result: Result<T>, shape: (value: T) => unknown, status = 200): void {
  if (result.ok) {
    res.status(status).json(shape(result.value));
    return;
  }
  const { code, message, where } = result.error;
  res.status(STATUS[code] ?? failureStatus(code)).json(where === undefined ? { error: code, message } : { error: code, message, where });
}

/**
 * The SmartServer portals' routes under /api/v1/smartserver (SS-*): the partner portal
 * (customers, assignment), the customer portal (SS-8 offline activation) and the server
 * operations SmartServers also reach over their link. Bodies are checked here before anything
 * runs; path parameters and the rest by the operations, which name the field.
 */
export function smartserverRouter(portal: SmartServerPortal): Router {
  const router = Router();

  router.post('/smartserver/partners/:partnerAccountId/customers', validateBody(customerBody, 'customer'), async (req, res) => {
    const { name } = bodyOf<z.infer<typeof customerBody>>(res);
    send(res, await portal.createCustomer({ partnerAccountId: param(req, 'partnerAccountId'), name }), (customer) => ({ customer }), 201);
  });

  router.get('/smartserver/partners/:partnerAccountId/customers', async (req, res) => {
    send(res, await portal.listCustomers({ partnerAccountId: param(req, 'partnerAccountId') }), (customers) => ({ customers }));
  });

  router.post('/smartserver/customers/:customerId/licenses', validateBody(assignBody, 'license assignment'), async (req, res) => {
    const body = bodyOf<z.infer<typeof assignBody>>(res);
    send(res, await portal.assignLicenses({ customerId: param(req, 'customerId'), ...body }), (licenses) => ({ licenses }));
  });

  router.get('/smartserver/customers/:customerId/licenses', async (req, res) => {
    send(res, await portal.listForCustomer({ customerId: param(req, 'customerId') }), (licenses) => ({ licenses }));
  });

  router.post('/smartserver/customers/:customerId/offline-activations', validateBody(offlineBody, 'offline activation'), async (req, res) => {
    const body = bodyOf<z.infer<typeof offlineBody>>(res);
    send(res, await portal.offlineActivate({ customerId: param(req, 'customerId'), ...body }), (activation) => activation, 201);
  });

  router.get('/smartserver/servers/:installCode/download-list', async (req, res) => {
    const customerId = typeof req.query.customerId === 'string' ? req.query.customerId : '';
    send(res, await portal.downloadList({ installCode: param(req, 'installCode'), customerId }), (licenses) => ({ licenses }));
  });

  router.post('/smartserver/servers/:installCode/activations', validateBody(activationBody, 'activation'), async (req, res) => {
    const body = bodyOf<z.infer<typeof activationBody>>(res);
    send(res, await portal.activate({ installCode: param(req, 'installCode'), ...body }), (files) => ({ files }), 201);
  });

  router.post('/smartserver/servers/:installCode/transfers', validateBody(emptyBody, 'transfer', { optional: true }), async (req, res) => {
    send(res, await portal.transfer({ installCode: param(req, 'installCode') }), (transferred) => transferred);
  });

  return router;
}
