import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';

/**
 * `NOT_FOUND` unless the license is one of the account's, in the same words as for a license
 * that does not exist: a portal user signed in to one account neither acts on nor learns of
 * another's licenses. A gateway license keeps the account it was activated into, so the check
 * may run before the operation's own transaction.
 */
export async function licenseOfAccount(ctx: CoreContext, accountId: string, licenseId: string): Promise<Result<void>> {
  return readStore(ctx, async (tx) => {
    const license = await tx.licenses.get(licenseId);
    return license?.accountId === accountId ? ok(undefined) : fail('NOT_FOUND', `no license with ID ${licenseId} in account ${accountId}`, 'licenseId');
  });
}
