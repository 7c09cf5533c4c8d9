import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { ok, type Result } from './result.ts';
import { readAuditLog } from './auditLog.ts';
import type { CoreContext } from './CoreContext.ts';
import type { AuditEntry } from './types.ts';

// Coerced: over HTTP the paging fields arrive as query-string text.
export const auditQueryInput = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
}).strict();
export type AuditQueryInput = z.input<typeof auditQueryInput>;

/** The audit log in append order, from after `afterSeq`, at most `limit` entries. */
export async function auditQuery(ctx: CoreContext, input: AuditQueryInput = {}): Promise<Result<AuditEntry[]>> {
  const parsed = parseValue(input, auditQueryInput, 'audit query');
  if (!parsed.ok) return parsed;
  return ok(await readAuditLog(ctx, parsed.value));
}
