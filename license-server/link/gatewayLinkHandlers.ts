import { gatewayOps } from '../../protocol/messages/gateway.ts';
import { ok } from '../../protocol/result.ts';
import type { GatewayPortal } from '../portals/gateway/GatewayPortal.ts';
import type { LinkHandler } from './serveLink.ts';
import { linkHandler } from './linkHandler.ts';

/** The GW-6 device operations of protocol/messages/gateway.ts, answered by the gateway portal. */
export function gatewayLinkHandlers(gateway: GatewayPortal): Record<string, LinkHandler> {
  return {
    [gatewayOps.download.op]: linkHandler(gatewayOps.download, async (body) => {
      const files = await gateway.filesForDevice(body);
      return files.ok ? ok({ files: files.value }) : files;
    }),
    [gatewayOps.invalidate.op]: linkHandler(gatewayOps.invalidate, async (body, request) => {
      // The proof signs this request's ID, so a captured proof cannot be replayed under another.
      const invalidated = await gateway.invalidate({ ...body, requestId: request.id });
      return invalidated.ok ? ok({ invalidated: invalidated.value }) : invalidated;
    }),
    [gatewayOps.testLicense.op]: linkHandler(gatewayOps.testLicense, async (body, request) => {
      const file = await gateway.issueTestLicenseToDevice({ ...body, requestId: request.id });
      return file.ok ? ok({ file: file.value }) : file;
    }),
  };
}
