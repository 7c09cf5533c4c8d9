import type { z } from 'zod';
import { gatewayOps } from '../../protocol/messages/gateway.ts';
import { parseValue, type Request } from '../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../protocol/result.ts';
import type { GatewayPortal } from '../portals/gateway/GatewayPortal.ts';
import type { LinkHandler } from './serveLink.ts';

/** The GW-6 device operations of protocol/messages/gateway.ts, answered by the gateway portal. */
export function gatewayLinkHandlers(gateway: GatewayPortal): Record<string, LinkHandler> {
  return {
    [gatewayOps.download.op]: handler(gatewayOps.download, async (body) => {
      const files = await gateway.filesForDevice(body);
      return files.ok ? ok({ files: files.value }) : files;
    }),
    [gatewayOps.invalidate.op]: handler(gatewayOps.invalidate, async (body, request) => {
      // The proof signs this request's ID, so a captured proof cannot be replayed under another.
      const invalidated = await gateway.invalidate({ ...body, requestId: request.id });
      return invalidated.ok ? ok({ invalidated: invalidated.value }) : invalidated;
    }),
    [gatewayOps.testLicense.op]: handler(gatewayOps.testLicense, async (body, request) => {
      const file = await gateway.issueTestLicenseToDevice({ ...body, requestId: request.id });
      return file.ok ? ok({ file: file.value }) : file;
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
