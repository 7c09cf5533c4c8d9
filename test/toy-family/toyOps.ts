import { z } from 'zod';

/** The toy family's one device operation: a lamp asks the cloud for its light license. */
export const toyOps = {
  license: {
    op: 'toy.license',
    request: z.object({ hardwareId: z.string().min(1).max(128) }).strict(),
    reply: z.object({ licenseId: z.string(), featureCode: z.literal('TOY-LIGHT') }),
  },
} as const;
