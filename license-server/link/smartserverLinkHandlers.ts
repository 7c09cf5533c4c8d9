import type { z } from 'zod';
import { smartserverOps } from '../../protocol/messages/smartserver.ts';
import { parseValue, type Request } from '../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../protocol/result.ts';
import type { SmartServerPortal } from '../portals/smartserver/SmartServerPortal.ts';
import type { LinkHandler } from './serveLink.ts';

/** The SS-4, SS-5 and SS-6 device operations of protocol/messages/smartserver.ts, answered by the SmartServer facet. */
export function smartserverLinkHandlers(portal: SmartServerPortal): Record<string, LinkHandler> {
  return {
    [smartserverOps.list.op]: handler(smartserverOps.list, async (body) => {
      const licenses = await portal.downloadList(body);
      return licenses.ok ? ok({ licenses: licenses.value }) : licenses;
    }),
    [smartserverOps.activate.op]: handler(smartserverOps.activate, async (body) => {
      const files = await portal.activate(body);
      return files.ok ? ok({ files: files.value }) : files;
    }),
    [smartserverOps.transfer.op]: handler(smartserverOps.transfer, async (body) => {
      const transferred = await portal.transfer(body);
      return transferred.ok ? ok({ ...transferred.value }) : transferred;
    }),
  };
}

function handler<T>(
  spec: { op: string; request: z.ZodType<T> },
  run: (body: T, request: Request) => Promise<Result<Record<string, unknown>>>,
): LinkHandler {
  return async (request) => {
    const body = parseValue(request.body, spec.request, `${spec.op} body`);
    return body.ok ? run(body.value, request) : body;
  };
}
