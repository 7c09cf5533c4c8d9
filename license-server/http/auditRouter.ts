import { Router } from 'express';
import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import type { AuditEntry } from '../core/types.ts';
import { sendFailure } from './respond.ts';

const auditQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
}).strict();

/** GET /audit?afterSeq=&limit= — the audit log in append order. */
export function auditRouter(readAudit: (options: { afterSeq?: number; limit?: number }) => Promise<AuditEntry[]>): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const query = parseValue(req.query, auditQuery, 'audit query');
    if (!query.ok) {
      sendFailure(res, query.error);
      return;
    }
    res.json({ entries: await readAudit(query.value) });
  });
  return router;
}
