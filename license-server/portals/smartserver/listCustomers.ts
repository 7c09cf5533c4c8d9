import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { readStore } from '../../core/runOperation.ts';
import { listCustomerRecords, type Customer } from './smartserverRecords.ts';

export const listCustomersInput = z.object({
  /** Only this partner's customers; every partner's when absent. */
  partnerAccountId: accountIdSchema.optional(),
  /** Only customers with exactly this name. */
  name: z.string().trim().min(1).max(200).optional(),
}).strict();
export type ListCustomersInput = z.input<typeof listCustomersInput>;

/** SS-2, partner portal: customer/project accounts with their Customer IDs, oldest first. */
export async function listCustomers(ctx: CoreContext, input: ListCustomersInput = {}): Promise<Result<Customer[]>> {
  const parsed = parseValue(input, listCustomersInput, 'customer list');
  if (!parsed.ok) return parsed;
  const { partnerAccountId, name } = parsed.value;
  return readStore(ctx, async (tx) => {
    const customers = await listCustomerRecords(tx, partnerAccountId);
    return ok(name === undefined ? customers : customers.filter((c) => c.name === name));
  });
}
