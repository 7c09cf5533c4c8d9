import { z } from 'zod';
import { ok, type Result } from '../../../../protocol/result.ts';

export const users = z.array(z.string().min(1).max(64)).min(1).describe('PBX user names, e.g. [alice, bob].');

/** Runs an operation per user, stopping at the first failure. */
export function eachUser(list: readonly string[], op: (user: string) => Result<unknown>): Result<unknown> {
  for (const user of list) {
    const result = op(user);
    if (!result.ok) return result;
  }
  return ok(list.length);
}
