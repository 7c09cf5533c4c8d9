import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { readStore } from '../../core/runOperation.ts';
import { accountEntitlements } from './entitlementPools.ts';
import { toPurchasedProduct, type PurchasedProduct } from './productView.ts';
import type { VideoContext } from './videoContext.ts';
import { listOwned, productSchema, PRODUCT_KIND, requireAccount } from './videoRecords.ts';

export const listProductsInput = z.object({ accountId: accountIdSchema }).strict();
export type ListProductsInput = z.input<typeof listProductsInput>;

/** [CL-4] Licensing > Clariti > Purchased Products, in the order they were first added. */
export async function listProducts(ctx: VideoContext, input: ListProductsInput): Promise<Result<PurchasedProduct[]>> {
  const parsed = parseValue(input, listProductsInput, 'purchased product list');
  if (!parsed.ok) return parsed;
  const { accountId } = parsed.value;
  return readStore(ctx, async (tx, now) => {
    const account = await requireAccount(tx, accountId);
    if (!account.ok) return account;
    const entitlements = await accountEntitlements(tx, accountId, now);
    return ok((await listOwned(tx, PRODUCT_KIND, accountId, productSchema)).map((p) => toPurchasedProduct(p, entitlements)));
  });
}
