import type { RequestCode } from '../../../protocol/codes/requestCode.ts';
import type { ProductFields } from '../../../protocol/codes/productRequestCode.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { StoreTx } from '../../store/Store.ts';
import { readProduct, writeProduct, type Product, type ProductMode } from './videoRecords.ts';

/**
 * Lists a product under its request code's fingerprint, or updates it when it is listed
 * already: the newest request code is the one Process License answers, and the newest fields
 * replace those known. A product belongs to one account. Code PRODUCT_OWNED_ELSEWHERE.
 */
export async function registerProduct(tx: StoreTx, args: {
  accountId: string;
  code: RequestCode;
  mode: ProductMode;
  fields: Partial<ProductFields>;
  now: number;
  connected?: boolean;
}): Promise<Result<{ product: Product; added: boolean }>> {
  const { accountId, code, now } = args;
  const existing = await readProduct(tx, code.fingerprint, { forUpdate: true });
  if (existing && existing.accountId !== accountId) {
    return fail('PRODUCT_OWNED_ELSEWHERE', `the product that made request code ${code.code} is listed in another account`, 'requestCode');
  }
  const before: Product = existing?.value ?? {
    productId: code.fingerprint, mode: args.mode, fields: {}, requestCode: null, requestNonce: null,
    addedAt: now, lastConnectedAt: null, lastProcessedAt: null,
  };
  const product: Product = {
    ...before,
    mode: args.mode,
    fields: args.mode === 'restrictive' ? { ...args.fields } : { ...before.fields, ...args.fields },
    requestCode: code.code,
    requestNonce: code.nonce,
    lastConnectedAt: args.connected ? now : before.lastConnectedAt,
  };
  await writeProduct(tx, { accountId, product, now });
  return ok({ product, added: existing === undefined });
}
