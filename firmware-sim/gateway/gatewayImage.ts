import { z } from 'zod';
import { licensePayloadSchema } from '../../protocol/licenseFile.ts';

/**
 * Everything a gateway keeps across reboots and power cuts, as the one JSON image committed to
 * its NVRAM: installed licenses (with the file text, so the admin can download it again), every
 * nonce ever installed (GW-2 replay refusal survives deletion), PBX users with their grants and
 * the config templates (GW-7).
 */
export const installedLicenseSchema = z.object({
  /** The signed file exactly as installed. */
  file: z.string().min(1),
  payload: licensePayloadSchema,
  installedAt: z.number().int(),
});
export type InstalledLicense = z.infer<typeof installedLicenseSchema>;

export const pbxUserSchema = z.object({
  name: z.string().min(1),
  /** Feature codes granted to this user, e.g. `Mobility`. */
  features: z.array(z.string().min(1)),
});
export type PbxUser = z.infer<typeof pbxUserSchema>;

export const configTemplateSchema = z.object({
  name: z.string().min(1),
  features: z.array(z.string().min(1)),
});
export type ConfigTemplate = z.infer<typeof configTemplateSchema>;

export const gatewayImageSchema = z.object({
  version: z.literal(1),
  licenses: z.array(installedLicenseSchema),
  seenNonces: z.array(z.string()),
  users: z.array(pbxUserSchema),
  templates: z.array(configTemplateSchema),
  /** TM-2: the highest issue counter seen per license ID, kept after the license is deleted. */
  latestIssues: z.record(z.string(), z.number().int()).optional(),
  /** TM-1: the latest time the device clock has shown, as the clock guard last saved it. */
  latestSeenAt: z.number().int().optional(),
});
export type GatewayImage = z.infer<typeof gatewayImageSchema>;

export function blankGatewayImage(): GatewayImage {
  return { version: 1, licenses: [], seenNonces: [], users: [], templates: [] };
}
