import { VIDEO_FAMILY } from '../../../protocol/messages/video.ts';
import { sealResponseCode, type Grant } from '../../../protocol/responseCode.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { StoreTx } from '../../store/Store.ts';
import { accountEntitlements, grantsFor, entitlementEnds } from './entitlementPools.ts';
import type { VideoContext } from './videoContext.ts';
import { writeProduct, type Product } from './videoRecords.ts';

export interface IssuedResponse {
  productId: string;
  /** Paste into the product's Install License window (CL-7). */
  responseCode: string;
  grants: Grant[];
}

/**
 * [CL-7] A signed response code answering the product's latest request code, carrying every
 * entitlement assigned to it. Bound to the product's fingerprint and that request's nonce, so
 * another product refuses it, and so does this one once it has installed a newer one.
 * Code REQUEST_MISSING when no request code is on record.
 */
export async function issueResponseCode(ctx: VideoContext, tx: StoreTx, args: { accountId: string; product: Product; now: number }): Promise<Result<IssuedResponse>> {
  const { accountId, product, now } = args;
  if (product.requestNonce === null) {
    return fail('REQUEST_MISSING', `product ${product.productId} has no request code on record; add its current request code first`, 'productId');
  }
  const grants = grantsFor(await accountEntitlements(tx, accountId, now), product.productId, await entitlementEnds(tx, accountId, now));
  const responseCode = sealResponseCode(
    { family: VIDEO_FAMILY, fingerprint: product.productId, requestNonce: product.requestNonce, issuedAt: now, grants },
    ctx.vendorKey,
  );
  await writeProduct(tx, { accountId, product: { ...product, lastProcessedAt: now }, now });
  return ok({ productId: product.productId, responseCode, grants });
}
