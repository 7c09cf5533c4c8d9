import { z } from 'zod';
import { checkProductFields } from '../../../protocol/codes/productRequestCode.ts';
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

const typed = z.string().min(1).max(128);

export const addRestrictiveProductInput = z.object({
  accountId: accountIdSchema,
  name: typed,
  type: typed,
  version: typed,
  requestCode: z.string().min(1).max(64),
  /** Optional on the form; checked like the others when given. */
  serial: typed.optional(),
  hostName: typed.optional(),
}).strict();
export type AddRestrictiveProductInput = z.input<typeof addRestrictiveProductInput>;

/**
 * [CL-5] Add New > Restrictive Purchased Product: Name, Type, Version and Request Code copied
 * by hand from the air-gapped product's License Product window (Serial and Host name
 * optional). They must match exactly, capitalization included: the request code carries a
 * check of each field (protocol/codes/productRequestCode.ts), so a field typed differently is
 * refused naming it. Codes: CODE_INVALID (naming the position), FIELD_MISMATCH (naming the
 * field), PRODUCT_OWNED_ELSEWHERE.
 */
export async function addRestrictiveProduct(ctx: VideoContext, input: AddRestrictiveProductInput): Promise<Result<PurchasedProduct>> {
  const parsed = parseValue(input, addRestrictiveProductInput, 'restrictive purchased product');
  if (!parsed.ok) return parsed;
  const { accountId, requestCode, ...fields } = parsed.value;
  return runOperation(ctx, { actor: `account:${accountId}`, action: 'video.product.addRestrictive', subject: requestCode }, async ({ tx, now, audit }) => {
    const code = readRequestCode(requestCode);
    if (!code.ok) return code;
    const matched = checkProductFields(code.value, fields);
    if (!matched.ok) return matched;
    await ensureAccount(tx, { id: accountId, now });
    const registered = await registerProduct(tx, { accountId, code: code.value, mode: 'restrictive', fields, now });
    if (!registered.ok) return registered;
    const { product, added } = registered.value;
    await audit({ added, requestCode: code.value.code, ...fields }, { subject: product.productId });
    return ok(toPurchasedProduct(product, await accountEntitlements(tx, accountId, now)));
  });
}
