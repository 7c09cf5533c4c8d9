import { z } from 'zod';

/**
 * Gateway operations over the link (GW-6: the device talks to the portal itself).
 * Each op names its request body and its reply body.
 */
export const gatewayOps = {
  /** Fetch signed files for every license the portal has bound to this hardware ID; proven like an invalidation. */
  download: {
    op: 'gateway.download',
    request: z.object({ hardwareId: z.string().min(1), certificate: z.string(), proof: z.string().min(1) }).strict(),
    reply: z.object({ files: z.array(z.string()) }),
  },
  /** Return licenses to the portal; needs the device certificate and a signed proof. */
  invalidate: {
    op: 'gateway.invalidate',
    request: z.object({
      hardwareId: z.string().min(1),
      licenseIds: z.array(z.string().min(1)).min(1).max(256),
      certificate: z.string(),
      proof: z.string().min(1),
    }).strict(),
    reply: z.object({ invalidated: z.array(z.string()) }),
  },
  /** The one GW-8 test license this hardware ID may ever get; proven like an invalidation. */
  testLicense: {
    op: 'gateway.testLicense',
    request: z.object({ hardwareId: z.string().min(1), certificate: z.string(), proof: z.string().min(1) }).strict(),
    reply: z.object({ file: z.string() }),
  },
} as const;

export type GatewayOp = (typeof gatewayOps)[keyof typeof gatewayOps]['op'];
