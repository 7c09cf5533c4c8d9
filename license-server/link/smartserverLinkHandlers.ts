import { smartserverOps } from '../../protocol/messages/smartserver.ts';
import { ok } from '../../protocol/result.ts';
import type { SmartServerPortal } from '../portals/smartserver/SmartServerPortal.ts';
import type { LinkHandler } from './serveLink.ts';
import { linkHandler } from './linkHandler.ts';

/**
 * The SS-4, SS-5 and SS-6 device operations of protocol/messages/smartserver.ts, answered by the
 * SmartServer facet once the server has proven it is the one whose install code it names.
 */
export function smartserverLinkHandlers(portal: SmartServerPortal): Record<string, LinkHandler> {
  return {
    // Each proof signs the envelope's request ID, so a captured proof cannot be replayed under another.
    [smartserverOps.list.op]: linkHandler(smartserverOps.list, async (body, request) => {
      const licenses = await portal.fromServer.list({ ...body, requestId: request.id });
      return licenses.ok ? ok({ licenses: licenses.value }) : licenses;
    }),
    [smartserverOps.activate.op]: linkHandler(smartserverOps.activate, async (body, request) => {
      const files = await portal.fromServer.activate({ ...body, requestId: request.id });
      return files.ok ? ok({ files: files.value }) : files;
    }),
    [smartserverOps.transfer.op]: linkHandler(smartserverOps.transfer, async (body, request) => {
      const transferred = await portal.fromServer.transfer({ ...body, requestId: request.id });
      return transferred.ok ? ok({ ...transferred.value }) : transferred;
    }),
  };
}
