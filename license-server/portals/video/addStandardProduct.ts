import { z } from 'zod';
import { readRequestCode } from '../../../protocol/codes/requestCode.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import { ensureAccount } from '../../core/accounts.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { accountEntitlements } from './entitlementPools.ts';
import { toPurchasedProduct, type PurchasedProduct } from './productView.ts';
import { registerProduct } from './registerProduct.ts';
import type { VideoContext } from './videoContext.ts';

export const addStandardProductInput = z.object({
  accountId: accountIdSchema,
  /** As pasted or typed: dashes, spaces and lower case are accepted. */
  requestCode: z.string().min(1).max(64),
}).strict();
export type AddStandardProductInput = z.input<typeof addStandardProductInput>;

/**
 * [CL-4] Add New > Standard Purchased Product: the request code copied from the product's
 * License Product window lists the product under Purchased Products. Adding a newer request
 * code of a listed product updates it. Codes: CODE_INVALID (naming the wrong character's
 * position), PRODUCT_OWNED_ELSEWHERE.
 */
export async function addStandardProduct(ctx: VideoContext, input: AddStandardProductInput): Promise<Result<PurchasedProduct>> {
  const parsed = parseValue(input, addStandardProductInput, 'standard purchased product');
  if (!parsed.ok) return parsed;
  const { accountId, requestCode } = parsed.value;
  return runOperation(ctx, { actor: `account:${accountId}`, action: 'video.product.addStandard', subject: requestCode }, async ({ tx, now, audit }) => {
    const code = readRequestCode(requestCode);
    if (!code.ok) return code;
    await ensureAccount(tx, { id: accountId, now });
    const registered = await registerProduct(tx, { accountId, code: code.value, mode: 'standard', fields: {}, now });
    if (!registered.ok) return registered;
    const { product, added } = registered.value;
    await audit({ added, requestCode: code.value.code }, { subject: product.productId });
    return ok(toPurchasedProduct(product, await accountEntitlements(tx, accountId, now)));
  });
}
