import { z } from 'zod';

/**
 * SmartServer (SS-*) operations over the link: the server asks the license cloud
 * for the download list of its Customer ID (SS-4), activates selected licenses (SS-5) and
 * transfers its licenses back (SS-6). Each op names its request body and its reply body; the
 * license feature codes and the text the server shows for a license live here too, so server
 * and cloud describe a license the same way.
 *
 * Each request acts for the install code it names, so it proves it comes from that server: it
 * carries the device certificate (which certifies the install code) and a proof over
 * `proofText(op, requestId, hardwareId, smartserverProofSubject(op, body))`, so one server cannot
 * list, claim or transfer away another's licenses.
 */

/** A device-capacity license: `count` field devices may be provisioned (SS-7). */
export const SS_CAPACITY = 'SS-CAPACITY';
/** A maintenance license: firmware updates until its end. */
export const SS_MAINTENANCE = 'SS-MAINTENANCE';
export const smartServerFeatures = [SS_CAPACITY, SS_MAINTENANCE] as const;
export type SmartServerFeature = (typeof smartServerFeatures)[number];

export function isSmartServerFeature(featureCode: string): featureCode is SmartServerFeature {
  return (smartServerFeatures as readonly string[]).includes(featureCode);
}

/** A Customer ID as the partner portal issues it (SS-2): a UUID, e.g. 2133c667-af41-4518-94df-a2bb3b775330. */
export const CUSTOMER_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const customerIdSchema = z
  .string()
  .regex(CUSTOMER_ID_PATTERN, 'expected a Customer ID (a UUID such as 2133c667-af41-4518-94df-a2bb3b775330)')
  .transform((s) => s.toLowerCase());

/** A SmartServer install code as printed on the unit: four groups of four base-32 characters. */
export const installCodeSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/, 'expected an install code such as 7K2Q-F9XM-3PAT-RW0C');

/** One row of the Download Licenses from the Cloud view (SS-4), as the cloud sends it. */
export const cloudLicenseSchema = z.object({
  licenseId: z.string().min(1),
  featureCode: z.enum(smartServerFeatures),
  /** Field devices for a capacity license; 1 for maintenance. */
  count: z.number().int().positive(),
  /** Epoch ms a maintenance license ends; null when it does not. */
  end: z.number().int().nullable(),
  /** When the license was assigned to the customer, or last transferred back to the cloud. */
  transferDate: z.number().int(),
  /** Install code of the server that last held the license; null if none has yet. */
  segmentController: z.string().nullable(),
});
export type CloudLicense = z.infer<typeof cloudLicenseSchema>;

export const smartServerLicenseIdsSchema = z.array(z.string().min(1).max(128)).min(1).max(256);

/** How a server proves its identity on every request. */
const serverIdentity = {
  hardwareId: z.string().min(1).max(128),
  /** CRT1 device certificate from the manufacturer; it certifies the install code too. */
  certificate: z.string().max(4096),
  /** The device key's signature of the request's proof text. */
  proof: z.string().min(1).max(256),
};

/**
 * Rows per `smartserver.list` page: a customer's list grows with the fleet it bought for, and a
 * page of this many stays far inside the 64 KiB frame (a row is about 250 bytes).
 */
export const DOWNLOAD_PAGE_ROWS = 100;

export const smartserverOps = {
  /**
   * SS-4: the customer's licenses this server may activate (unbound, or already bound to it),
   * in license-ID order, a page at a time: `after` is the last license ID of the page before,
   * and `next` in the reply the `after` of the next page, null on the last.
   */
  list: {
    op: 'smartserver.list',
    request: z.object({ customerId: customerIdSchema, installCode: installCodeSchema, after: z.string().min(1).max(128).optional(), ...serverIdentity }).strict(),
    reply: z.object({ licenses: z.array(cloudLicenseSchema).max(DOWNLOAD_PAGE_ROWS), next: z.string().min(1).nullable().optional() }),
  },
  /** SS-5: binds the licenses to the install code; one signed LIC1 file each (hardware ID = install code). */
  activate: {
    op: 'smartserver.activate',
    request: z.object({ customerId: customerIdSchema, installCode: installCodeSchema, licenseIds: smartServerLicenseIdsSchema, ...serverIdentity }).strict(),
    reply: z.object({ files: z.array(z.string()) }),
  },
  /** SS-6: returns every license bound to the install code to the cloud. */
  transfer: {
    op: 'smartserver.transfer',
    request: z.object({ installCode: installCodeSchema, ...serverIdentity }).strict(),
    reply: z.object({ transferred: z.array(z.string()), transferDate: z.number().int() }),
  },
} as const;

export type SmartServerOp = (typeof smartserverOps)[keyof typeof smartserverOps]['op'];

/**
 * What a server's proof covers besides the op, request ID and hardware ID: the install code it
 * acts for, the Customer ID (compared as the cloud stores it, in lower case) and the licenses
 * it claims — so a captured proof cannot be reused for another customer or selection.
 */
export function smartserverProofSubject(
  op: SmartServerOp,
  body: { installCode: string; customerId?: string; licenseIds?: readonly string[]; after?: string },
): string[] {
  const customerId = body.customerId?.toLowerCase() ?? '';
  if (op === smartserverOps.list.op) return body.after === undefined ? [body.installCode, customerId] : [body.installCode, customerId, body.after];
  if (op === smartserverOps.activate.op) return [body.installCode, customerId, ...(body.licenseIds ?? [])];
  return [body.installCode];
}

/** The Description column (SS-4): `Device capacity: 100`, or `Maintenance until 2027-01-01`. */
export function describeSmartServerLicense(license: { featureCode: string; count: number; end: number | null }): string {
  if (license.featureCode === SS_CAPACITY) return `Device capacity: ${license.count}`;
  if (license.featureCode === SS_MAINTENANCE) {
    return license.end === null ? 'Maintenance (no end date)' : `Maintenance until ${new Date(license.end).toISOString().slice(0, 10)}`;
  }
  return `${license.featureCode} × ${license.count}`;
}
