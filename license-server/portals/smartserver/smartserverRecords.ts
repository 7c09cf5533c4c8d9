import { z } from 'zod';
import { describeSmartServerLicense, isSmartServerFeature, type CloudLicense } from '../../../protocol/messages/smartserver.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import { findLicense } from '../../core/findLicense.ts';
import { licenseStatus } from '../../core/licenseStatus.ts';
import type { License, LicenseStatus } from '../../core/types.ts';
import type { ReadOptions, StoreTx } from '../../store/Store.ts';

/**
 * What the SmartServer facet keeps beside the core's tables, as facet records: a customer
 * account's partner and name (SS-2), and per license its transfer date and the last server
 * that held it (SS-4). The license's owner (`accountId` = the customer) and its binding
 * (`hardwareId` = the server's install code) stay on the core's license record.
 */
export const CUSTOMER_RECORD = 'smartserver.customer';
export const LICENSE_RECORD = 'smartserver.license';

export interface Customer {
  customerId: string;
  partnerAccountId: string;
  name: string;
  createdAt: number;
}

/** A SmartServer license as the partner and customer portals show it. */
export interface PortalLicense extends CloudLicense {
  description: string;
  /** Install code of the server the license is activated on; null while it is in the cloud. */
  activatedOn: string | null;
  status: LicenseStatus;
  customerId: string | null;
}

const customerData = z.object({ name: z.string(), createdAt: z.number() });
const licenseData = z.object({ transferDate: z.number(), segmentController: z.string().nullable() });
export type LicenseData = z.infer<typeof licenseData>;

export async function findCustomer(tx: StoreTx, customerId: string, options?: ReadOptions): Promise<Result<Customer>> {
  const record = await tx.records.get(CUSTOMER_RECORD, customerId, options);
  const data = customerData.safeParse(record?.data);
  if (!record || record.accountId === null || !data.success) {
    return fail(ErrorCode.CustomerUnknown, `no customer account has Customer ID ${customerId}; the partner portal issues Customer IDs`, 'customerId');
  }
  return ok({ customerId, partnerAccountId: record.accountId, name: data.data.name, createdAt: data.data.createdAt });
}

export async function listCustomerRecords(tx: StoreTx, partnerAccountId?: string): Promise<Customer[]> {
  const records = await tx.records.list(CUSTOMER_RECORD, partnerAccountId === undefined ? {} : { accountId: partnerAccountId });
  return records.flatMap((r) => {
    const data = customerData.safeParse(r.data);
    return data.success && r.accountId !== null ? [{ customerId: r.id, partnerAccountId: r.accountId, name: data.data.name, createdAt: data.data.createdAt }] : [];
  });
}

export async function readLicenseData(tx: StoreTx, license: License): Promise<LicenseData> {
  const parsed = licenseData.safeParse((await tx.records.get(LICENSE_RECORD, license.id))?.data);
  return parsed.success ? parsed.data : { transferDate: license.createdAt, segmentController: null };
}

export async function writeLicenseData(tx: StoreTx, args: { license: License; data: LicenseData; now: number }): Promise<void> {
  await tx.records.put({ kind: LICENSE_RECORD, id: args.license.id, accountId: args.license.accountId, data: { ...args.data }, updatedAt: args.now });
}

/** A license by ID that a SmartServer can use: `NOT_FOUND`, or `LICENSE_WRONG_FAMILY` for any other product's. */
export async function findSmartServerLicense(tx: StoreTx, licenseId: string, options?: ReadOptions): Promise<Result<License>> {
  const found = await findLicense(tx, licenseId, options);
  if (!found.ok) return found;
  if (!isSmartServerFeature(found.value.featureCode)) {
    return fail(ErrorCode.LicenseWrongFamily, `license ${licenseId} is a ${found.value.featureCode} license, not a SmartServer device-capacity or maintenance license`, 'licenseIds');
  }
  return found;
}

export function toCloudLicense(license: License, data: LicenseData): CloudLicense {
  return {
    licenseId: license.id,
    featureCode: license.featureCode as CloudLicense['featureCode'],
    count: license.count,
    end: license.end,
    transferDate: data.transferDate,
    segmentController: data.segmentController,
  };
}

export function toPortalLicense(license: License, data: LicenseData, now: number): PortalLicense {
  const cloud = toCloudLicense(license, data);
  return { ...cloud, description: describeSmartServerLicense(cloud), activatedOn: license.hardwareId, status: licenseStatus(license, now), customerId: license.accountId };
}

/** The customer's SmartServer licenses, in the order they were created. */
export async function customerLicenses(tx: StoreTx, customerId: string): Promise<License[]> {
  return (await tx.licenses.listByAccount(customerId)).filter((l) => isSmartServerFeature(l.featureCode));
}

/** Refuses a list of license IDs that names one twice. */
export function distinctIds(ids: readonly string[]): Result<readonly string[]> {
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  return twice === undefined ? ok(ids) : fail(ErrorCode.BadRequest, `license ${twice} is listed twice`, 'licenseIds');
}
