import type { StoreTx } from '../Store.ts';
import type { AuditEntry, AuditOutcome, FacetRecord, Issuance } from '../../core/types.ts';
import { int, intOrNull, json, textOrNull, type Row, type SqlDriver } from './SqlDriver.ts';

/** The record-keeping tables: issued files, test-license grants, the audit log, facet records, device request IDs. */
export function issuancesTable(db: SqlDriver): StoreTx['issuances'] {
  const toIssuance = (r: Row): Issuance => ({
    nonce: String(r.nonce),
    licenseId: String(r.license_id),
    hardwareId: String(r.hardware_id),
    issuedAt: int(r.issued_at),
    revokedAt: intOrNull(r.revoked_at),
  });
  return {
    async insert(i) {
      await db.run(
        'INSERT INTO issuances (nonce, license_id, hardware_id, issued_at, revoked_at) VALUES (?, ?, ?, ?, ?)',
        [i.nonce, i.licenseId, i.hardwareId, i.issuedAt, i.revokedAt],
      );
    },
    async get(nonce) {
      const rows = await db.all('SELECT * FROM issuances WHERE nonce = ?', [nonce]);
      return rows[0] && toIssuance(rows[0]);
    },
    async listByLicense(licenseId) {
      return (await db.all('SELECT * FROM issuances WHERE license_id = ? ORDER BY seq', [licenseId])).map(toIssuance);
    },
    async revoke({ licenseId, hardwareId, at }) {
      const rows = await db.all(
        'UPDATE issuances SET revoked_at = ? WHERE license_id = ? AND hardware_id = ? AND revoked_at IS NULL RETURNING nonce, seq',
        [at, licenseId, hardwareId],
      );
      return rows.sort((a, b) => int(a.seq) - int(b.seq)).map((r) => String(r.nonce));
    },
  };
}

export function auditTable(db: SqlDriver): StoreTx['audit'] {
  const toEntry = (r: Row): AuditEntry => ({
    seq: int(r.seq),
    at: int(r.at),
    actor: String(r.actor),
    action: String(r.action),
    subject: String(r.subject),
    outcome: String(r.outcome) as AuditOutcome,
    detail: json<Record<string, unknown>>(r.detail),
  });
  return {
    async append(e) {
      const rows = await db.all(
        'INSERT INTO audit (at, actor, action, subject, outcome, detail) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
        [e.at, e.actor, e.action, e.subject, e.outcome, JSON.stringify(e.detail)],
      );
      return toEntry(rows[0]!);
    },
    async list(options = {}) {
      const params = [options.afterSeq ?? 0];
      let sql = 'SELECT * FROM audit WHERE seq > ? ORDER BY seq';
      if (options.limit !== undefined) {
        sql += ' LIMIT ?';
        params.push(options.limit);
      }
      return (await db.all(sql, params)).map(toEntry);
    },
  };
}

export function recordsTable(db: SqlDriver): StoreTx['records'] {
  const toRecord = (r: Row): FacetRecord => ({
    kind: String(r.kind),
    id: String(r.id),
    accountId: textOrNull(r.account_id),
    data: json<Record<string, unknown>>(r.data),
    updatedAt: int(r.updated_at),
  });
  return {
    async get(kind, id, options) {
      const lock = options?.forUpdate ? db.forUpdate : '';
      const rows = await db.all(`SELECT * FROM facet_records WHERE kind = ? AND id = ?${lock}`, [kind, id]);
      return rows[0] && toRecord(rows[0]);
    },
    async put(r) {
      await db.run(
        `INSERT INTO facet_records (kind, id, account_id, data, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, id) DO UPDATE SET account_id = excluded.account_id, data = excluded.data, updated_at = excluded.updated_at`,
        [r.kind, r.id, r.accountId, JSON.stringify(r.data), r.updatedAt],
      );
    },
    async insert(r) {
      await db.run(
        'INSERT INTO facet_records (kind, id, account_id, data, updated_at) VALUES (?, ?, ?, ?, ?)',
        [r.kind, r.id, r.accountId, JSON.stringify(r.data), r.updatedAt],
      );
    },
    async list(kind, options = {}) {
      const rows = options.accountId === undefined
        ? await db.all('SELECT * FROM facet_records WHERE kind = ? ORDER BY seq', [kind])
        : await db.all('SELECT * FROM facet_records WHERE kind = ? AND account_id = ? ORDER BY seq', [kind, options.accountId]);
      return rows.map(toRecord);
    },
    async remove(kind, id) {
      return (await db.run('DELETE FROM facet_records WHERE kind = ? AND id = ?', [kind, id])) > 0;
    },
  };
}

export function deviceRequestsTable(db: SqlDriver): StoreTx['deviceRequests'] {
  return {
    async remember({ hardwareId, requestId, op, at }) {
      // DO NOTHING rather than a caught unique violation: on PostgreSQL a failed statement
      // aborts the whole transaction.
      const changed = await db.run(
        'INSERT INTO device_requests (hardware_id, request_id, op, at) VALUES (?, ?, ?, ?) ON CONFLICT (hardware_id, request_id) DO NOTHING',
        [hardwareId, requestId, op, at],
      );
      return changed > 0;
    },
  };
}
