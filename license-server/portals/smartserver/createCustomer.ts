import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { CUSTOMER_RECORD, listCustomerRecords, type Customer } from './smartserverRecords.ts';

export const createCustomerInput = z.object({
  partnerAccountId: accountIdSchema,
  /** The customer or project, e.g. `Harbour Office Tower`. */
  name: z.string().trim().min(1).max(200),
}).strict();
export type CreateCustomerInput = z.input<typeof createCustomerInput>;

/**
 * SS-2, partner portal: a partner adds a customer/project account, which gets a Customer ID —
 * a UUID drawn from the server's seeded ID stream. The customer is a core account whose parent
 * is the partner. The partner account must exist (it comes into being with its first order);
 * a partner cannot name two of its customers alike (`CONFLICT`), nor may a customer have
 * customers of its own (`FORBIDDEN`).
 */
export async function createCustomer(ctx: CoreContext, input: CreateCustomerInput): Promise<Result<Customer>> {
  const parsed = parseValue(input, createCustomerInput, 'customer');
  if (!parsed.ok) return parsed;
  const { partnerAccountId, name } = parsed.value;
  const info = { actor: `account:${partnerAccountId}`, action: 'smartserver.customer.create', subject: partnerAccountId };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    // Locking the partner's row serializes its customer creations, so the name rule holds on PostgreSQL too.
    const partner = await tx.accounts.get(partnerAccountId, { forUpdate: true });
    if (!partner) {
      return fail(ErrorCode.NotFound, `no partner account ${partnerAccountId}; an account comes into being with its first order`, 'partnerAccountId');
    }
    if (await tx.records.get(CUSTOMER_RECORD, partnerAccountId)) {
      return fail(ErrorCode.Forbidden, `${partnerAccountId} is a customer account; only a partner account can add customers`, 'partnerAccountId');
    }
    const twin = (await listCustomerRecords(tx, partnerAccountId)).find((c) => c.name === name);
    if (twin) return fail(ErrorCode.Conflict, `partner ${partnerAccountId} already has a customer named '${name}' (Customer ID ${twin.customerId})`, 'name');

    const customerId = ctx.ids.uuid();
    await tx.accounts.insert({ id: customerId, name, parentId: partnerAccountId, createdAt: now });
    await tx.records.put({ kind: CUSTOMER_RECORD, id: customerId, accountId: partnerAccountId, data: { name, createdAt: now }, updatedAt: now });
    await audit({ customerId, name }, { subject: customerId });
    return ok({ customerId, partnerAccountId, name, createdAt: now });
  });
}
