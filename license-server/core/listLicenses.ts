import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from './result.ts';
import type { CoreContext } from './CoreContext.ts';
import { accountIdSchema } from './fields.ts';
import { toLicenseView } from './licenseStatus.ts';
import { readStore } from './runOperation.ts';
import type { LicenseView } from './types.ts';

export const listLicensesInput = z.object({ accountId: accountIdSchema }).strict();
export type ListLicensesInput = z.input<typeof listLicensesInput>;

/** An account's licenses in activation order, each with its status on the clock (PC-4). */
export async function listLicenses(ctx: CoreContext, input: ListLicensesInput): Promise<Result<LicenseView[]>> {
  const parsed = parseValue(input, listLicensesInput, 'license list');
  if (!parsed.ok) return parsed;
  const { accountId } = parsed.value;
  return readStore(ctx, async (tx, now) => {
    if (!(await tx.accounts.get(accountId))) return fail('NOT_FOUND', `no account with ID ${accountId}`, 'accountId');
    return ok((await tx.licenses.listByAccount(accountId)).map((l) => toLicenseView(l, now)));
  });
}
