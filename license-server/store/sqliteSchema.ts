/**
 * The store's tables in SQLite. Every table has a `seq` so lists come back in insertion order;
 * the audit log refuses UPDATE and DELETE in the database itself, not only in code.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id TEXT REFERENCES accounts (id),
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS accounts_parent ON accounts (parent_id);

CREATE TABLE IF NOT EXISTS orders (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  activation_key TEXT NOT NULL UNIQUE,
  items TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  activated_at INTEGER,
  activated_by TEXT
);

CREATE TABLE IF NOT EXISTS licenses (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT REFERENCES accounts (id),
  order_id TEXT REFERENCES orders (id),
  activation_key TEXT,
  feature_code TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  transaction_type TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('standard', 'test')),
  start_at INTEGER NOT NULL,
  end_at INTEGER,
  hardware_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS licenses_account ON licenses (account_id);
CREATE INDEX IF NOT EXISTS licenses_hardware ON licenses (hardware_id);

CREATE TABLE IF NOT EXISTS issuances (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  nonce TEXT NOT NULL UNIQUE,
  license_id TEXT NOT NULL REFERENCES licenses (id),
  hardware_id TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS issuances_license ON issuances (license_id, hardware_id);

CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
  detail TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TABLE IF NOT EXISTS facet_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  account_id TEXT REFERENCES accounts (id),
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (kind, id)
);

CREATE TABLE IF NOT EXISTS device_requests (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  hardware_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  op TEXT NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (hardware_id, request_id)
);
`;
