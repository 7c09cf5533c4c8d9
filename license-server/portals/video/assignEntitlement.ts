import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { accountIdSchema, featureCodeSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { entitlementTotals, entitlementView, lockPool, type Entitlement } from './entitlementPools.ts';
import type { VideoContext } from './videoContext.ts';
import { productIdSchema, requireAccount, requireProduct, writePool } from './videoRecords.ts';

export const assignEntitlementInput = z.object({
  accountId: accountIdSchema,
  featureCode: featureCodeSchema,
  productId: productIdSchema,
  /** The Update Attribute Count: what the product holds afterwards; 0 takes it all back. */
  count: z.number().int().min(0).max(1_000_000),
}).strict();
export type AssignEntitlementInput = z.input<typeof assignEntitlementInput>;

/**
 * [CL-6] Assign Entitlements: sets how much of one pool a purchased product holds. One pool
 * is shared among the account's products and never over-assigned, even under concurrent
 * requests: the pool's record is locked for the transaction (see lockPool). The product gets
 * the change with its next license (Process License, or an automatic refresh). Codes:
 * NOT_FOUND, ENTITLEMENT_UNKNOWN, ENTITLEMENT_EXHAUSTED.
 */
export async function assignEntitlement(ctx: VideoContext, input: AssignEntitlementInput): Promise<Result<Entitlement>> {
  const parsed = parseValue(input, assignEntitlementInput, 'entitlement assignment');
  if (!parsed.ok) return parsed;
  const { accountId, featureCode, productId, count } = parsed.value;
  const info = { actor: `account:${accountId}`, action: 'video.entitlement.assign', subject: `${featureCode}:${productId}` };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const account = await requireAccount(tx, accountId);
    if (!account.ok) return account;
    const product = await requireProduct(tx, { accountId, productId });
    if (!product.ok) return product;
    const pool = await lockPool(tx, { accountId, featureCode });
    const total = (await entitlementTotals(tx, accountId, now)).get(featureCode) ?? 0;
    if (total === 0 && Object.keys(pool.assigned).length === 0) {
      return fail('ENTITLEMENT_UNKNOWN', `account ${accountId} has no ${featureCode} entitlement; activate a License Activation Key that includes it`, 'featureCode');
    }
    const others = Object.entries(pool.assigned).filter(([id]) => id !== productId).reduce((sum, [, n]) => sum + n, 0);
    if (others + count > total) {
      return fail(
        'ENTITLEMENT_EXHAUSTED',
        `${featureCode}: cannot assign ${count} to product ${productId}: the pool holds ${total}, ${others} of it assigned to other products, so at most ${Math.max(0, total - others)} is available`,
        'count',
      );
    }
    const assigned = { ...pool.assigned };
    if (count === 0) delete assigned[productId];
    else assigned[productId] = count;
    const next = { featureCode, assigned };
    await writePool(tx, { accountId, pool: next, now });
    await audit({ count, total });
    return ok(entitlementView(next, total));
  });
}
