import { z } from 'zod';
import { customerIdSchema } from '../../../protocol/messages/smartserver.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema, licenseIdSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { distinctIds, findCustomer, findSmartServerLicense, toPortalLicense, writeLicenseData, type PortalLicense } from './smartserverRecords.ts';

export const assignLicensesInput = z.object({
  partnerAccountId: accountIdSchema,
  customerId: customerIdSchema,
  licenseIds: z.array(licenseIdSchema).min(1).max(10_000),
}).strict();
export type AssignLicensesInput = z.input<typeof assignLicensesInput>;

/**
 * SS-2, partner portal: the partner assigns purchased SmartServer licenses (activated into its
 * account from an order) to one of its customers, where they wait in the cloud for the
 * customer's servers to download (SS-4). The transfer date is the assignment date. All or
 * nothing: one license that cannot be assigned refuses the lot. Assigning a license the
 * customer already holds changes nothing. Codes: `CUSTOMER_UNKNOWN`, `FORBIDDEN` (not this
 * partner's customer), `NOT_FOUND`, `LICENSE_WRONG_FAMILY`, `LICENSE_OTHER_CUSTOMER`.
 */
export async function assignLicenses(ctx: CoreContext, input: AssignLicensesInput): Promise<Result<PortalLicense[]>> {
  const parsed = parseValue(input, assignLicensesInput, 'license assignment');
  if (!parsed.ok) return parsed;
  const { partnerAccountId, customerId } = parsed.value;
  const ids = distinctIds(parsed.value.licenseIds);
  if (!ids.ok) return ids;
  const info = { actor: `account:${partnerAccountId}`, action: 'smartserver.license.assign', subject: customerId };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const customer = await findCustomer(tx, customerId);
    if (!customer.ok) return customer;
    if (customer.value.partnerAccountId !== partnerAccountId) {
      return fail(ErrorCode.Forbidden, `customer ${customerId} is a customer of partner ${customer.value.partnerAccountId}, not of ${partnerAccountId}`, 'customerId');
    }
    const views: PortalLicense[] = [];
    const assigned: string[] = [];
    for (const licenseId of ids.value) {
      const found = await findSmartServerLicense(tx, licenseId, { forUpdate: true });
      if (!found.ok) return found;
      let license = found.value;
      if (license.accountId !== customerId) {
        if (license.accountId !== partnerAccountId) {
          return fail(ErrorCode.LicenseOtherCustomer, `license ${licenseId} belongs to account ${license.accountId ?? '(none)'}, not to partner ${partnerAccountId}`, 'licenseIds');
        }
        license = { ...license, accountId: customerId };
        await tx.licenses.update(license);
        await writeLicenseData(tx, { license, data: { transferDate: now, segmentController: null }, now });
        assigned.push(licenseId);
      }
      views.push(toPortalLicense(license, { transferDate: now, segmentController: null }, now));
    }
    if (assigned.length > 0) await audit({ licenseIds: assigned });
    return ok(views);
  });
}
