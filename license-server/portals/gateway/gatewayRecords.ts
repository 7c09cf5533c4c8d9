import type { StoreTx } from '../../store/Store.ts';

/**
 * The gateway portal's own records, kept as facet records beside the core's tables. GW-8: the
 * one test license a hardware ID may ever get.
 */
export interface TestLicenseGrant {
  hardwareId: string;
  licenseId: string;
  firstDownloadAt: number;
}

const KIND = 'gateway.testLicense';

export async function findTestLicenseGrant(tx: StoreTx, hardwareId: string): Promise<TestLicenseGrant | undefined> {
  const record = await tx.records.get(KIND, hardwareId);
  return record && { hardwareId, licenseId: String(record.data.licenseId), firstDownloadAt: Number(record.data.firstDownloadAt) };
}

/** Throws `StoreConflict` (table `facet_records`) when the hardware ID already has its grant: two racing requests. */
export async function insertTestLicenseGrant(tx: StoreTx, grant: TestLicenseGrant): Promise<void> {
  await tx.records.insert({
    kind: KIND,
    id: grant.hardwareId,
    accountId: null,
    data: { licenseId: grant.licenseId, firstDownloadAt: grant.firstDownloadAt },
    updatedAt: grant.firstDownloadAt,
  });
}
