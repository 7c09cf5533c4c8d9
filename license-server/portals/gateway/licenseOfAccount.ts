import { ErrorCode } from '../../../protocol/errorCodes.ts';
import { smartServerFeatures } from '../../../protocol/messages/smartserver.ts';
import { VIDEO_FEATURE_PREFIX } from '../../../protocol/messages/video.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { audioProducts } from '../audio/audioProducts.ts';

/** Whether a feature belongs to another family's portal (SmartServer, Clariti, device management), not the gateway's. */
export function isOtherFamilyFeature(featureCode: string): boolean {
  return (smartServerFeatures as readonly string[]).includes(featureCode) || featureCode.startsWith(VIDEO_FEATURE_PREFIX) || audioProducts.some((p) => p.featureCode === featureCode);
}

/**
 * `NOT_FOUND` unless the license is one of the account's, in the same words as for a license
 * that does not exist: a portal user signed in to one account neither acts on nor learns of
 * another's licenses. `LICENSE_WRONG_FAMILY` for another family's license (a SmartServer's is
 * activated on its server, not bound on the gateway portal). A gateway license keeps the account
 * it was activated into (only SmartServer assignments move licenses between accounts), so the
 * check may run before the operation's own transaction.
 */
export async function licenseOfAccount(ctx: CoreContext, accountId: string, licenseId: string): Promise<Result<void>> {
  return readStore(ctx, async (tx) => {
    const license = await tx.licenses.get(licenseId);
    if (license?.accountId !== accountId) return fail('NOT_FOUND', `no license with ID ${licenseId} in account ${accountId}`, 'licenseId');
    if (isOtherFamilyFeature(license.featureCode)) return fail(ErrorCode.LicenseWrongFamily, `license ${licenseId} is a ${license.featureCode} license, not a gateway's; its own portal manages it`, 'licenseId');
    return ok(undefined);
  });
}
