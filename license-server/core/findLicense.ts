import { fail, ok, type Result } from './result.ts';
import type { ReadOptions, StoreTx } from '../store/Store.ts';
import type { License } from './types.ts';

/** A license by ID, or `NOT_FOUND` naming it. */
export async function findLicense(tx: StoreTx, licenseId: string, options?: ReadOptions): Promise<Result<License>> {
  const license = await tx.licenses.get(licenseId, options);
  return license ? ok(license) : fail('NOT_FOUND', `no license with ID ${licenseId}`, 'licenseId');
}
