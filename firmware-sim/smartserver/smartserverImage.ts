import { z } from 'zod';
import { smartServerFeatures } from '../../protocol/messages/smartserver.ts';

/**
 * What a SmartServer keeps across reboots and power cuts, as the one JSON image committed to
 * its NVRAM: the firmware it was updated to, the saved Customer ID (SS-3), the licenses shown
 * under Manage Licenses (SS-5, SS-8), the field devices with their provisioning (SS-7), and
 * the nonce of the outstanding offline request code (SS-8), so a request survives a reboot
 * while the customer walks to a computer with internet.
 */
export const fieldProtocols = ['LON', 'BACnet', 'Modbus'] as const;
export type FieldProtocol = (typeof fieldProtocols)[number];

export const installedLicenseSchema = z.object({
  licenseId: z.string().min(1),
  featureCode: z.enum(smartServerFeatures),
  count: z.number().int().positive(),
  end: z.number().int().nullable(),
  activatedAt: z.number().int(),
  /** `online` from the cloud (SS-5), `offline` from a response code (SS-8). */
  source: z.enum(['online', 'offline']),
});
export type InstalledLicense = z.infer<typeof installedLicenseSchema>;

export const fieldDeviceSchema = z.object({
  name: z.string().min(1),
  protocol: z.enum(fieldProtocols),
  /** Provisioned by hand (SS-7); cleared when the licenses go back to the cloud. */
  provisioned: z.boolean(),
});
export type FieldDevice = z.infer<typeof fieldDeviceSchema>;

export const smartserverImageSchema = z.object({
  version: z.literal(1),
  /** Null until the firmware is updated: the board runs what it left the factory with. */
  firmwareVersion: z.string().nullable(),
  customerId: z.string().nullable(),
  licenses: z.array(installedLicenseSchema),
  fieldDevices: z.array(fieldDeviceSchema),
  requestNonce: z.string().nullable(),
  /** TM-1: the latest time the server clock has shown, as last saved. */
  latestSeenAt: z.number().int().optional(),
});
export type SmartServerImage = z.infer<typeof smartserverImageSchema>;

export function blankSmartServerImage(): SmartServerImage {
  return { version: 1, firmwareVersion: null, customerId: null, licenses: [], fieldDevices: [], requestNonce: null };
}
