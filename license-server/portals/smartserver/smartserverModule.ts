import { smartserverOps } from '../../../protocol/messages/smartserver.ts';
import { ok } from '../../core/result.ts';
import { ServerRole } from '../../auth/ServerRole.ts';
import { opRoute } from '../../http/route.ts';
import { deviceOp } from '../../link/deviceOp.ts';
import { definePortal } from '../PortalModule.ts';
import { createSmartServerPortal, type SmartServerPortal } from './SmartServerPortal.ts';

/**
 * The SmartServer portals (SS-*): the License Partner Portal (customers, assignment) and the
 * License Customer Portal (SS-8 offline activation) under /api/v1/smartserver, and the
 * servers' cloud operations over their links. Servers never act over HTTP: over the link every
 * request is proven with the device certificate.
 */
// The partner portal acts for the partner's account; the customer portal for the customer's, a core account too.
const partner = { role: ServerRole.Partner, account: 'partnerAccountId' };
const customer = { role: ServerRole.Customer, account: 'customerId' };

export const smartserverModule = definePortal<SmartServerPortal>({
  name: 'smartserver',
  create: createSmartServerPortal,
  routes: [
    opRoute('post', '/partners/:partnerAccountId/customers', (ss: SmartServerPortal, input) => ss.createCustomer(input), { access: partner, reply: (customer) => ({ customer }), status: 201 }),
    opRoute('get', '/partners/:partnerAccountId/customers', (ss: SmartServerPortal, input) => ss.listCustomers(input), { access: partner, reply: (customers) => ({ customers }) }),
    opRoute('get', '/partners/:partnerAccountId/licenses', (ss: SmartServerPortal, input) => ss.listPartnerLicenses(input), { access: partner, reply: (licenses) => ({ licenses }) }),
    opRoute('post', '/customers/:customerId/licenses', (ss: SmartServerPortal, input) => ss.assignLicenses(input), { access: partner, reply: (licenses) => ({ licenses }) }),
    opRoute('get', '/customers/:customerId/licenses', (ss: SmartServerPortal, input) => ss.listForCustomer(input), { access: customer, reply: (licenses) => ({ licenses }) }),
    opRoute('post', '/customers/:customerId/offline-activations', (ss: SmartServerPortal, input) => ss.offlineActivate(input), { access: customer, status: 201 }),
  ],
  // Each proof signs the envelope's request ID, so a captured proof cannot be replayed under another.
  deviceOps: [
    deviceOp(smartserverOps.list, async (ss: SmartServerPortal, body, request) => {
      const page = await ss.fromServer.list({ ...body, requestId: request.id });
      return page.ok ? ok({ licenses: page.value.licenses, next: page.value.next }) : page;
    }),
    deviceOp(smartserverOps.activate, async (ss: SmartServerPortal, body, request) => {
      const files = await ss.fromServer.activate({ ...body, requestId: request.id });
      return files.ok ? ok({ files: files.value }) : files;
    }),
    deviceOp(smartserverOps.transfer, async (ss: SmartServerPortal, body, request) => {
      const transferred = await ss.fromServer.transfer({ ...body, requestId: request.id });
      return transferred.ok ? ok({ ...transferred.value }) : transferred;
    }),
  ],
});
