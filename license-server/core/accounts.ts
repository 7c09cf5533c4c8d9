import type { StoreTx } from '../store/Store.ts';
import type { Account } from './types.ts';

/**
 * Accounts come into being the first time an order or an activation names them; the partner
 * portal (SS-2) will create them explicitly with a parent.
 */
export async function ensureAccount(tx: StoreTx, args: { id: string; now: number; parentId?: string | null }): Promise<Account> {
  const existing = await tx.accounts.get(args.id);
  if (existing) return existing;
  const account: Account = { id: args.id, name: args.id, parentId: args.parentId ?? null, createdAt: args.now };
  await tx.accounts.insert(account);
  return account;
}
