import type { ReadOptions, StoreTx } from '../Store.ts';
import type { Account, License, Order, OrderItem, TransactionType, LicenseKind } from '../../core/types.ts';
import { int, intOrNull, json, textOrNull, type Row, type SqlDriver } from './SqlDriver.ts';
import { issuancesTable, auditTable, recordsTable, deviceRequestsTable } from './sqlLogTables.ts';

/** The store's tables over one transaction's driver; the same SQL serves both dialects. */
export function sqlTables(db: SqlDriver): StoreTx {
  return {
    accounts: accountsTable(db),
    orders: ordersTable(db),
    licenses: licensesTable(db),
    issuances: issuancesTable(db),
    audit: auditTable(db),
    records: recordsTable(db),
    deviceRequests: deviceRequestsTable(db),
  };
}

const lock = (db: SqlDriver, options?: ReadOptions): string => (options?.forUpdate ? db.forUpdate : '');

function accountsTable(db: SqlDriver): StoreTx['accounts'] {
  const toAccount = (r: Row): Account => ({
    id: String(r.id), name: String(r.name), parentId: textOrNull(r.parent_id), createdAt: int(r.created_at),
  });
  return {
    async get(id, options) {
      const rows = await db.all(`SELECT * FROM accounts WHERE id = ?${lock(db, options)}`, [id]);
      return rows[0] && toAccount(rows[0]);
    },
    async insert(a) {
      await db.run('INSERT INTO accounts (id, name, parent_id, created_at) VALUES (?, ?, ?, ?)', [a.id, a.name, a.parentId, a.createdAt]);
    },
    async listChildren(parentId) {
      return (await db.all('SELECT * FROM accounts WHERE parent_id = ? ORDER BY seq', [parentId])).map(toAccount);
    },
  };
}

function ordersTable(db: SqlDriver): StoreTx['orders'] {
  const toOrder = (r: Row): Order => ({
    id: String(r.id),
    accountId: String(r.account_id),
    activationKey: String(r.activation_key),
    items: json<OrderItem[]>(r.items),
    createdAt: int(r.created_at),
    activatedAt: intOrNull(r.activated_at),
    activatedBy: textOrNull(r.activated_by),
  });
  return {
    async get(id, options) {
      const rows = await db.all(`SELECT * FROM orders WHERE id = ?${lock(db, options)}`, [id]);
      return rows[0] && toOrder(rows[0]);
    },
    async findByKey(key, options) {
      const rows = await db.all(`SELECT * FROM orders WHERE activation_key = ?${lock(db, options)}`, [key]);
      return rows[0] && toOrder(rows[0]);
    },
    async insert(o) {
      await db.run(
        'INSERT INTO orders (id, account_id, activation_key, items, created_at, activated_at, activated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [o.id, o.accountId, o.activationKey, JSON.stringify(o.items), o.createdAt, o.activatedAt, o.activatedBy],
      );
    },
    async update(o) {
      const changed = await db.run(
        'UPDATE orders SET account_id = ?, activation_key = ?, items = ?, created_at = ?, activated_at = ?, activated_by = ? WHERE id = ?',
        [o.accountId, o.activationKey, JSON.stringify(o.items), o.createdAt, o.activatedAt, o.activatedBy, o.id],
      );
      return changed > 0;
    },
  };
}

const LICENSE_COLUMNS = [
  'account_id', 'order_id', 'activation_key', 'feature_code', 'count', 'transaction_type', 'kind',
  'start_at', 'end_at', 'hardware_id', 'created_at',
] as const;

function licenseValues(l: License): (string | number | null)[] {
  return [
    l.accountId, l.orderId, l.activationKey, l.featureCode, l.count, l.transactionType, l.kind,
    l.start, l.end, l.hardwareId, l.createdAt,
  ];
}

function licensesTable(db: SqlDriver): StoreTx['licenses'] {
  const toLicense = (r: Row): License => ({
    id: String(r.id),
    accountId: textOrNull(r.account_id),
    orderId: textOrNull(r.order_id),
    activationKey: textOrNull(r.activation_key),
    featureCode: String(r.feature_code),
    count: int(r.count),
    transactionType: String(r.transaction_type) as TransactionType,
    kind: String(r.kind) as LicenseKind,
    start: int(r.start_at),
    end: intOrNull(r.end_at),
    hardwareId: textOrNull(r.hardware_id),
    createdAt: int(r.created_at),
  });
  return {
    async get(id, options) {
      const rows = await db.all(`SELECT * FROM licenses WHERE id = ?${lock(db, options)}`, [id]);
      return rows[0] && toLicense(rows[0]);
    },
    async insert(l) {
      const marks = LICENSE_COLUMNS.map(() => '?').join(', ');
      await db.run(`INSERT INTO licenses (id, ${LICENSE_COLUMNS.join(', ')}) VALUES (?, ${marks})`, [l.id, ...licenseValues(l)]);
    },
    async update(l) {
      const sets = LICENSE_COLUMNS.map((c) => `${c} = ?`).join(', ');
      return (await db.run(`UPDATE licenses SET ${sets} WHERE id = ?`, [...licenseValues(l), l.id])) > 0;
    },
    async listByAccount(accountId) {
      return (await db.all('SELECT * FROM licenses WHERE account_id = ? ORDER BY seq', [accountId])).map(toLicense);
    },
    async listByHardware(hardwareId) {
      return (await db.all('SELECT * FROM licenses WHERE hardware_id = ? ORDER BY seq', [hardwareId])).map(toLicense);
    },
    async pageForHardware({ accountId, featureCodes, hardwareId, after, limit }) {
      if (featureCodes.length === 0) return [];
      const features = featureCodes.map(() => '?').join(', ');
      // A license unknown as `after` starts nowhere: its seq is NULL, and nothing is after NULL.
      const from = after === undefined ? '' : ' AND seq > (SELECT seq FROM licenses WHERE id = ?)';
      const rows = await db.all(
        `SELECT * FROM licenses WHERE account_id = ? AND feature_code IN (${features}) AND (hardware_id IS NULL OR hardware_id = ?)${from} ORDER BY seq LIMIT ?`,
        [accountId, ...featureCodes, hardwareId, ...(after === undefined ? [] : [after]), limit],
      );
      return rows.map(toLicense);
    },
  };
}
