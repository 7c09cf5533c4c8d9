import { z } from 'zod';

/**
 * The video platform (CL-*, the Clariti licensing guide): what its products and the video
 * portal share. A product is a Clariti Core or a Clariti Manager; its License Product window
 * shows these fields, and the online Update License (CL-3) sends them with an access token and
 * a fresh request code.
 */
export const VIDEO_FAMILY = 'video';

export const videoVariants = ['core', 'manager'] as const;
export type VideoVariant = (typeof videoVariants)[number];

/** The product Type as the License Product window shows it. */
export const VIDEO_PRODUCT_TYPES: Readonly<Record<VideoVariant, string>> = {
  core: 'Clariti Core',
  manager: 'Clariti Manager',
};

/** Entitlement feature codes of the video platform start with this. */
export const VIDEO_FEATURE_PREFIX = 'CLARITI-';

const field = z.string().min(1).max(128);

export const productFieldsSchema = z.object({
  name: field,
  type: field,
  version: field,
  serial: field,
  hostName: field,
}).strict();

export const videoOps = {
  /**
   * CL-3 Update License and each automatic refresh: the portal checks the token, registers
   * the product under the token's account, and answers the request code with a response code
   * carrying the product's assigned entitlements.
   */
  updateLicense: {
    op: 'video.updateLicense',
    request: z.object({
      accessToken: z.string().min(1).max(256),
      requestCode: z.string().min(1).max(64),
      product: productFieldsSchema,
    }).strict(),
    reply: z.object({ productId: z.string().min(1), responseCode: z.string().min(1) }),
  },
} as const;

export type VideoOp = (typeof videoOps)[keyof typeof videoOps]['op'];
