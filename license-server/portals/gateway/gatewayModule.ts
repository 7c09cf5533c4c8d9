import { gatewayOps } from '../../../protocol/messages/gateway.ts';
import { ok } from '../../core/result.ts';
import { ServerRole } from '../../auth/ServerRole.ts';
import { opRoute } from '../../http/route.ts';
import { deviceOp } from '../../link/deviceOp.ts';
import { definePortal } from '../PortalModule.ts';
import { createGatewayPortal, type GatewayPortal } from './GatewayPortal.ts';

const customer = { role: ServerRole.Customer };
const ownAccount = { role: ServerRole.Customer, account: 'accountId' };
// A device acts over HTTP as over its link: the body carries its certificate and a proof.
const proven = { public: 'the device proves itself: certificate and proof in the body, as on its link (protocol.md §4)' };

/**
 * The gateway portal (GW-*): its facet, its routes under /api/v1/gateway, its device ops.
 * Its first portal routes name a license or a device, not an account, so they take a Customer
 * token not tied to one account (RouteAccess.ts); the portal page's name the account too, so
 * a user signed in to it may call them.
 */
export const gatewayModule = definePortal<GatewayPortal>({
  name: 'gateway',
  create: createGatewayPortal,
  routes: [
    opRoute('post', '/licenses/:licenseId/bind', (gw: GatewayPortal, input) => gw.bind(input), { access: customer, reply: (license) => ({ license }) }),
    opRoute('post', '/licenses/:licenseId/move', (gw: GatewayPortal, input) => gw.move(input), { access: customer, reply: (license) => ({ license }) }),
    opRoute('get', '/devices/:hardwareId/licenses', (gw: GatewayPortal, input) => gw.filesForDevice(input), { access: customer, reply: (files) => ({ files }) }),
    // The portal page's: a user signed in to one account acts on that account's licenses only.
    opRoute('post', '/accounts/:accountId/licenses/:licenseId/bind', (gw: GatewayPortal, input) => gw.bindForAccount(input), { access: ownAccount, reply: (license) => ({ license }) }),
    opRoute('post', '/accounts/:accountId/licenses/:licenseId/move', (gw: GatewayPortal, input) => gw.moveForAccount(input), { access: ownAccount, reply: (license) => ({ license }) }),
    opRoute('get', '/accounts/:accountId/devices/:hardwareId/licenses', (gw: GatewayPortal, input) => gw.filesForAccountDevice(input), { access: ownAccount, reply: (files) => ({ files }) }),
    // GW-8 over HTTP: proven like the link's gateway.testLicense, so no one spends another device's one test license.
    opRoute('post', '/devices/:hardwareId/test-license', (gw: GatewayPortal, input) => gw.issueTestLicenseToDevice(input), { access: proven, reply: (file) => ({ file }), status: 201 }),
    opRoute('post', '/devices/:hardwareId/invalidations', (gw: GatewayPortal, input) => gw.invalidate(input), { access: proven, reply: (invalidated) => ({ invalidated }) }),
  ],
  deviceOps: [
    // The proofs sign this request's ID, so a captured proof cannot be replayed under another.
    deviceOp(gatewayOps.download, async (gw: GatewayPortal, body, request) => {
      const files = await gw.downloadToDevice({ ...body, requestId: request.id });
      return files.ok ? ok({ files: files.value }) : files;
    }),
    deviceOp(gatewayOps.invalidate, async (gw: GatewayPortal, body, request) => {
      const invalidated = await gw.invalidate({ ...body, requestId: request.id });
      return invalidated.ok ? ok({ invalidated: invalidated.value }) : invalidated;
    }),
    deviceOp(gatewayOps.testLicense, async (gw: GatewayPortal, body, request) => {
      const file = await gw.issueTestLicenseToDevice({ ...body, requestId: request.id });
      return file.ok ? ok({ file: file.value }) : file;
    }),
  ],
});
