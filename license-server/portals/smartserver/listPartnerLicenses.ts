import { z } from 'zod';
import { isSmartServerFeature } from '../../../protocol/messages/smartserver.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { readStore } from '../../core/runOperation.ts';
import { CUSTOMER_RECORD, customerLicenses, listCustomerRecords, readLicenseData, toPortalLicense, type PortalLicense } from './smartserverRecords.ts';

export const listPartnerLicensesInput = z.object({ partnerAccountId: accountIdSchema }).strict();
export type ListPartnerLicensesInput = z.input<typeof listPartnerLicensesInput>;

/**
 * SS-2, partner portal: every SmartServer license the partner bought — those still in its own
 * account (`customerId: null`, waiting to be assigned) first, then those assigned to each of
 * its customers (`customerId`), in the order the customers were added. Codes: `NOT_FOUND` (no
 * such account), `FORBIDDEN` (a customer account, which buys nothing to assign).
 */
export async function listPartnerLicenses(ctx: CoreContext, input: ListPartnerLicensesInput): Promise<Result<PortalLicense[]>> {
  const parsed = parseValue(input, listPartnerLicensesInput, 'partner licenses');
  if (!parsed.ok) return parsed;
  const { partnerAccountId } = parsed.value;
  return readStore(ctx, async (tx, now) => {
    if (!(await tx.accounts.get(partnerAccountId))) {
      return fail(ErrorCode.NotFound, `no partner account ${partnerAccountId}; an account comes into being with its first order`, 'partnerAccountId');
    }
    if (await tx.records.get(CUSTOMER_RECORD, partnerAccountId)) {
      return fail(ErrorCode.Forbidden, `${partnerAccountId} is a customer account; only a partner account has licenses to assign`, 'partnerAccountId');
    }
    const views: PortalLicense[] = [];
    const own = (await tx.licenses.listByAccount(partnerAccountId)).filter((l) => isSmartServerFeature(l.featureCode));
    for (const license of own) views.push({ ...toPortalLicense(license, await readLicenseData(tx, license), now), customerId: null });
    for (const customer of await listCustomerRecords(tx, partnerAccountId)) {
      for (const license of await customerLicenses(tx, customer.customerId)) views.push(toPortalLicense(license, await readLicenseData(tx, license), now));
    }
    return ok(views);
  });
}
