import { z } from 'zod';
import { grantSchema } from '../../protocol/responseCode.ts';
import { productFieldsSchema } from '../../protocol/messages/video.ts';

/**
 * Everything a video product keeps across reboots and power cuts, as the one JSON image in its
 * NVRAM: the Licenses page settings, the request awaiting its response code (CL-4, CL-5), the
 * nonces of recent requests (so a new one never repeats them), the installed license (CL-7) and
 * the last connection's outcome (CL-3).
 */
export const RECENT_NONCES_KEPT = 64;

export const videoSettingsSchema = z.object({
  /** Null: the Name is the host name (CL-1). */
  name: z.string().min(1).max(64).nullable(),
  mode: z.enum(['standard', 'restrictive']),
  autoRefresh: z.boolean(),
  accessToken: z.string().min(1).max(256).nullable(),
});
export type VideoSettings = z.infer<typeof videoSettingsSchema>;
/** The Licenses page's License mode: only `standard` connects to the portal (CL-3); `restrictive` shows every field to copy by hand (CL-5). */
export type LicenseMode = VideoSettings['mode'];

export const outstandingRequestSchema = z.object({
  code: z.string(),
  nonce: z.string().length(8),
  /** What the License Product window showed with it. */
  fields: productFieldsSchema,
  createdAt: z.number().int(),
});
export type OutstandingRequest = z.infer<typeof outstandingRequestSchema>;

export const installedVideoLicenseSchema = z.object({
  responseCode: z.string(),
  grants: z.array(grantSchema),
  issuedAt: z.number().int(),
  installedAt: z.number().int(),
});
export type InstalledVideoLicense = z.infer<typeof installedVideoLicenseSchema>;

export const videoImageSchema = z.object({
  version: z.literal(1),
  settings: videoSettingsSchema,
  request: outstandingRequestSchema.nullable(),
  recentNonces: z.array(z.string()),
  license: installedVideoLicenseSchema.nullable(),
  lastConnection: z.object({ at: z.number().int(), status: z.string() }).nullable(),
  /** TM-1: the latest time the device clock has shown, as last saved. */
  latestSeenAt: z.number().int().optional(),
});
export type VideoImage = z.infer<typeof videoImageSchema>;

export function blankVideoImage(): VideoImage {
  return {
    version: 1,
    settings: { name: null, mode: 'standard', autoRefresh: false, accessToken: null },
    request: null,
    recentNonces: [],
    license: null,
    lastConnection: null,
  };
}
