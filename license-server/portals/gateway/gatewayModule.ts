import { gatewayOps } from '../../../protocol/messages/gateway.ts';
import { ok } from '../../core/result.ts';
import { opRoute } from '../../http/route.ts';
import { deviceOp } from '../../link/deviceOp.ts';
import { definePortal } from '../PortalModule.ts';
import { createGatewayPortal, type GatewayPortal } from './GatewayPortal.ts';

/** The gateway portal (GW-*): its facet, its routes under /api/v1/gateway, its device ops. */
export const gatewayModule = definePortal<GatewayPortal>({
  name: 'gateway',
  create: createGatewayPortal,
  routes: [
    opRoute('post', '/licenses/:licenseId/bind', (gw: GatewayPortal, input) => gw.bind(input), { reply: (license) => ({ license }) }),
    opRoute('post', '/licenses/:licenseId/move', (gw: GatewayPortal, input) => gw.move(input), { reply: (license) => ({ license }) }),
    opRoute('get', '/devices/:hardwareId/licenses', (gw: GatewayPortal, input) => gw.filesForDevice(input), { reply: (files) => ({ files }) }),
    opRoute('post', '/devices/:hardwareId/test-license', (gw: GatewayPortal, input) => gw.issueTestLicense(input), { reply: (file) => ({ file }), status: 201, body: 'optional' }),
    opRoute('post', '/devices/:hardwareId/invalidations', (gw: GatewayPortal, input) => gw.invalidate(input), { reply: (invalidated) => ({ invalidated }) }),
  ],
  deviceOps: [
    deviceOp(gatewayOps.download, async (gw: GatewayPortal, body) => {
      const files = await gw.filesForDevice(body);
      return files.ok ? ok({ files: files.value }) : files;
    }),
    // The proofs sign this request's ID, so a captured proof cannot be replayed under another.
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
