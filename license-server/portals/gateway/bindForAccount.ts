import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema, hardwareIdSchema, licenseIdSchema } from '../../core/fields.ts';
import type { LicenseView } from '../../core/types.ts';
import { bindLicense } from './bindLicense.ts';
import { licenseOfAccount } from './licenseOfAccount.ts';

export const bindForAccountInput = z.object({ accountId: accountIdSchema, licenseId: licenseIdSchema, hardwareId: hardwareIdSchema }).strict();
export type BindForAccountInput = z.input<typeof bindForAccountInput>;

/**
 * GW-2 as the portal page does it: the signed-in account binds one of its own licenses to a
 * hardware ID. Codes: those of bindLicense, and `NOT_FOUND` for another account's license.
 */
export async function bindForAccount(ctx: CoreContext, input: BindForAccountInput): Promise<Result<LicenseView>> {
  const parsed = parseValue(input, bindForAccountInput, 'bind');
  if (!parsed.ok) return parsed;
  const { accountId, licenseId, hardwareId } = parsed.value;
  const owned = await licenseOfAccount(ctx, accountId, licenseId);
  return owned.ok ? bindLicense(ctx, { licenseId, hardwareId }) : owned;
}
