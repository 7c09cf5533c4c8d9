/**
 * The store's tables in PostgreSQL, column for column those of `sqliteSchema.ts`: BIGINT for
 * epoch milliseconds, JSONB for JSON, identity columns for `seq`. Run under an advisory lock,
 * so several license-server processes can start against one database at once.
 */
export const POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id TEXT REFERENCES accounts (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS accounts_parent ON accounts (parent_id);

CREATE TABLE IF NOT EXISTS orders (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  activation_key TEXT NOT NULL UNIQUE,
  items JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  activated_at BIGINT,
  activated_by TEXT
);

CREATE TABLE IF NOT EXISTS licenses (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT REFERENCES accounts (id),
  order_id TEXT REFERENCES orders (id),
  activation_key TEXT,
  feature_code TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  transaction_type TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('standard', 'test')),
  start_at BIGINT NOT NULL,
  end_at BIGINT,
  hardware_id TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS licenses_account ON licenses (account_id);
CREATE INDEX IF NOT EXISTS licenses_hardware ON licenses (hardware_id);

CREATE TABLE IF NOT EXISTS issuances (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  nonce TEXT NOT NULL UNIQUE,
  license_id TEXT NOT NULL REFERENCES licenses (id),
  hardware_id TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX IF NOT EXISTS issuances_license ON issuances (license_id, hardware_id);

CREATE TABLE IF NOT EXISTS audit (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
  detail JSONB NOT NULL
);
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

CREATE TABLE IF NOT EXISTS facet_records (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  account_id TEXT REFERENCES accounts (id),
  data JSONB NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (kind, id)
);

CREATE TABLE IF NOT EXISTS device_requests (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hardware_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  op TEXT NOT NULL,
  at BIGINT NOT NULL,
  UNIQUE (hardware_id, request_id)
);
`;
