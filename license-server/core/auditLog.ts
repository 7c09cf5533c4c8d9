import type { CoreContext } from './CoreContext.ts';
import { readStore } from './runOperation.ts';
import type { AuditEntry } from './types.ts';

/**
 * The audit log is written only by `runOperation` (an entry per success and per refusal, in
 * the operation's own transaction) and read here; the store offers no way to change it.
 */
export function readAuditLog(ctx: CoreContext, options: { afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  return readStore(ctx, (tx) => tx.audit.list(options));
}
