import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { readStore } from '../../core/runOperation.ts';
import { accountEntitlements, type Entitlement } from './entitlementPools.ts';
import type { VideoContext } from './videoContext.ts';
import { requireAccount } from './videoRecords.ts';

export const listEntitlementsInput = z.object({ accountId: accountIdSchema }).strict();
export type ListEntitlementsInput = z.input<typeof listEntitlementsInput>;

/** [CL-6] Licensing > Clariti > Entitlements: each pool's total, what is assigned, what is left. */
export async function listEntitlements(ctx: VideoContext, input: ListEntitlementsInput): Promise<Result<Entitlement[]>> {
  const parsed = parseValue(input, listEntitlementsInput, 'entitlement list');
  if (!parsed.ok) return parsed;
  const { accountId } = parsed.value;
  return readStore(ctx, async (tx, now) => {
    const account = await requireAccount(tx, accountId);
    if (!account.ok) return account;
    return ok(await accountEntitlements(tx, accountId, now));
  });
}
