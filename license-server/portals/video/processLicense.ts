import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import type { Result } from '../../core/result.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { issueResponseCode, type IssuedResponse } from './issueResponseCode.ts';
import type { VideoContext } from './videoContext.ts';
import { productIdSchema, requireProduct } from './videoRecords.ts';

export const processLicenseInput = z.object({ accountId: accountIdSchema, productId: productIdSchema }).strict();
export type ProcessLicenseInput = z.input<typeof processLicenseInput>;

/**
 * [CL-7] Purchased Products > License > Process License > Process Request: the Response Code
 * for the product's latest request code, with its assigned entitlements. Codes: NOT_FOUND,
 * REQUEST_MISSING.
 */
export async function processLicense(ctx: VideoContext, input: ProcessLicenseInput): Promise<Result<IssuedResponse>> {
  const parsed = parseValue(input, processLicenseInput, 'process license');
  if (!parsed.ok) return parsed;
  const { accountId, productId } = parsed.value;
  return runOperation(ctx, { actor: `account:${accountId}`, action: 'video.license.process', subject: productId }, async ({ tx, now, audit }) => {
    const product = await requireProduct(tx, { accountId, productId, forUpdate: true });
    if (!product.ok) return product;
    const issued = await issueResponseCode(ctx, tx, { accountId, product: product.value, now });
    if (issued.ok) await audit({ requestNonce: product.value.requestNonce, grants: issued.value.grants });
    return issued;
  });
}
