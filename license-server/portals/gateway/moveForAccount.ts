import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema } from '../../core/fields.ts';
import type { LicenseView } from '../../core/types.ts';
import { licenseOfAccount } from './licenseOfAccount.ts';
import { moveLicense, moveLicenseInput } from './moveLicense.ts';

export const moveForAccountInput = moveLicenseInput.extend({ accountId: accountIdSchema }).strict();
export type MoveForAccountInput = z.input<typeof moveForAccountInput>;

/**
 * GW-3 as the portal page does it: the signed-in account moves one of its own licenses to
 * another hardware ID, with a reason for the audit log. Codes: those of moveLicense, and
 * `NOT_FOUND` for another account's license.
 */
export async function moveForAccount(ctx: CoreContext, input: MoveForAccountInput): Promise<Result<LicenseView>> {
  const parsed = parseValue(input, moveForAccountInput, 'move');
  if (!parsed.ok) return parsed;
  const { accountId, ...move } = parsed.value;
  const owned = await licenseOfAccount(ctx, accountId, move.licenseId);
  return owned.ok ? moveLicense(ctx, move) : owned;
}
