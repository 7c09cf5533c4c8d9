import type { z } from 'zod';
import { checkProductFields } from '../../../protocol/codes/productRequestCode.ts';
import { readRequestCode } from '../../../protocol/codes/requestCode.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { videoOps } from '../../../protocol/messages/video.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { runOperation } from '../../core/runOperation.ts';
import { issueResponseCode } from './issueResponseCode.ts';
import { registerProduct } from './registerProduct.ts';
import type { VideoContext } from './videoContext.ts';
import { readToken, tokenHash, writeToken } from './videoRecords.ts';

export type UpdateFromProductInput = z.input<typeof videoOps.updateLicense.request>;

/**
 * [CL-3] A product's Update License, and each of its automatic refreshes: the access token
 * stands for a user of an account; the product is registered there (listed as `online`) and
 * gets a response code for the request code it sent, carrying its assigned entitlements.
 * Codes: TOKEN_UNKNOWN, TOKEN_REVOKED, CODE_INVALID, FIELD_MISMATCH, PRODUCT_OWNED_ELSEWHERE.
 */
export async function updateFromProduct(ctx: VideoContext, input: UpdateFromProductInput): Promise<Result<{ productId: string; responseCode: string }>> {
  const parsed = parseValue(input, videoOps.updateLicense.request, 'update license');
  if (!parsed.ok) return parsed;
  const { accessToken, requestCode, product: fields } = parsed.value;
  const code = readRequestCode(requestCode);
  const subject = code.ok ? code.value.fingerprint : 'unknown product';
  return runOperation(ctx, { actor: `product:${subject}`, action: 'video.product.update', subject }, async ({ tx, now, audit }) => {
    const hash = tokenHash(accessToken);
    const token = await readToken(tx, hash, { forUpdate: true });
    if (!token || token.accountId === null) return fail('TOKEN_UNKNOWN', 'the access token is not one the portal issued; copy it again from Access Tokens', 'accessToken');
    if (token.value.revokedAt !== null) {
      return fail('TOKEN_REVOKED', `access token ${token.value.tokenId} was revoked at ${new Date(token.value.revokedAt).toISOString()}`, 'accessToken');
    }
    if (!code.ok) return code;
    // A product's own report of its fields must agree with the request code it made.
    const consistent = checkProductFields(code.value, fields);
    if (!consistent.ok) return consistent;
    const accountId = token.accountId;
    const registered = await registerProduct(tx, { accountId, code: code.value, mode: 'online', fields, now, connected: true });
    if (!registered.ok) return registered;
    await writeToken(tx, { accountId, hash, token: { ...token.value, lastUsedAt: now }, now });
    const issued = await issueResponseCode(ctx, tx, { accountId, product: registered.value.product, now });
    if (!issued.ok) return issued;
    await audit({ tokenId: token.value.tokenId, added: registered.value.added, grants: issued.value.grants });
    return ok({ productId: issued.value.productId, responseCode: issued.value.responseCode });
  });
}
