import { z } from 'zod';
import { customerIdSchema } from '../../../protocol/messages/smartserver.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { customerLicenses, findCustomer, readLicenseData, toPortalLicense, type PortalLicense } from './smartserverRecords.ts';

export const listForCustomerInput = z.object({ customerId: customerIdSchema }).strict();
export type ListForCustomerInput = z.input<typeof listForCustomerInput>;

/**
 * SS-2, SS-4, partner and customer portals: every SmartServer license the customer holds,
 * in the cloud or activated on a server (`activatedOn`), with its transfer date and status.
 */
export async function listForCustomer(ctx: CoreContext, input: ListForCustomerInput): Promise<Result<PortalLicense[]>> {
  const parsed = parseValue(input, listForCustomerInput, 'customer licenses');
  if (!parsed.ok) return parsed;
  const { customerId } = parsed.value;
  return readStore(ctx, async (tx, now) => {
    const customer = await findCustomer(tx, customerId);
    if (!customer.ok) return customer;
    const views: PortalLicense[] = [];
    for (const license of await customerLicenses(tx, customerId)) views.push(toPortalLicense(license, await readLicenseData(tx, license), now));
    return ok(views);
  });
}
