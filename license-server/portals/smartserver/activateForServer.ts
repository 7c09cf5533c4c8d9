import { z } from 'zod';
import { customerIdSchema, installCodeSchema, smartServerLicenseIdsSchema } from '../../../protocol/messages/smartserver.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { issueLicenseFile } from '../../core/licenseFiles.ts';
import { licenseStatus } from '../../core/licenseStatus.ts';
import { runOperation } from '../../core/runOperation.ts';
import type { License } from '../../core/types.ts';
import type { StoreTx } from '../../store/Store.ts';
import { distinctIds, findCustomer, findSmartServerLicense, readLicenseData, writeLicenseData } from './smartserverRecords.ts';

export const activateForServerInput = z.object({ customerId: customerIdSchema, installCode: installCodeSchema, licenseIds: smartServerLicenseIdsSchema }).strict();
export type ActivateForServerInput = z.input<typeof activateForServerInput>;

/**
 * SS-5, device side: binds the selected licenses to the server's install code and signs a LIC1
 * file for each (hardware ID = install code). Each license is read FOR UPDATE, so of two
 * servers activating one license at once exactly one gets it; the other is refused
 * `LICENSE_BOUND_ELSEWHERE`. All or nothing. Activating again on the same server re-issues the
 * file. Codes: `CUSTOMER_UNKNOWN`, `NOT_FOUND`, `LICENSE_WRONG_FAMILY`, `LICENSE_OTHER_CUSTOMER`,
 * `LICENSE_BOUND_ELSEWHERE`, `LICENSE_INACTIVE` (a maintenance term that has ended).
 */
export async function activateForServer(ctx: CoreContext, input: ActivateForServerInput): Promise<Result<string[]>> {
  const parsed = parseValue(input, activateForServerInput, 'activation');
  if (!parsed.ok) return parsed;
  const { customerId, installCode } = parsed.value;
  const ids = distinctIds(parsed.value.licenseIds);
  if (!ids.ok) return ids;
  const info = { actor: `device:${installCode}`, action: 'smartserver.license.activate', subject: installCode };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const customer = await findCustomer(tx, customerId);
    if (!customer.ok) return customer;
    const files: string[] = [];
    for (const licenseId of ids.value) {
      const claimed = await claimForServer(tx, { licenseId, customerId, installCode, now });
      if (!claimed.ok) return claimed;
      files.push((await issueLicenseFile(tx, ctx, { license: claimed.value, hardwareId: installCode, now })).file);
    }
    await audit({ customerId, licenseIds: ids.value });
    return ok(files);
  });
}

/**
 * Binds one of the customer's licenses to a server, within the caller's transaction; shared
 * by online activation (SS-5) and the customer portal's offline activation (SS-8).
 */
export async function claimForServer(
  tx: StoreTx,
  args: { licenseId: string; customerId: string; installCode: string; now: number },
): Promise<Result<License>> {
  const { licenseId, customerId, installCode, now } = args;
  const found = await findSmartServerLicense(tx, licenseId, { forUpdate: true });
  if (!found.ok) return found;
  const license = found.value;
  if (license.accountId !== customerId) {
    return fail(ErrorCode.LicenseOtherCustomer, `license ${licenseId} is not held for Customer ID ${customerId}`, 'licenseIds');
  }
  if (license.hardwareId !== null && license.hardwareId !== installCode) {
    return fail(ErrorCode.LicenseBoundElsewhere, `license ${licenseId} is activated on the SmartServer with install code ${license.hardwareId}; transfer it to the cloud there first`, 'licenseIds');
  }
  if (licenseStatus(license, now) === 'Inactive') {
    return fail(ErrorCode.LicenseInactive, `license ${licenseId} ended at ${new Date(license.end!).toISOString()}`, 'licenseIds');
  }
  if (license.hardwareId === installCode) return ok(license);
  const bound = { ...license, hardwareId: installCode };
  await tx.licenses.update(bound);
  const data = await readLicenseData(tx, license);
  await writeLicenseData(tx, { license: bound, data: { ...data, segmentController: installCode }, now });
  return ok(bound);
}
