/**
 * What the SQL tables need from a database: queries written once with `?` placeholders, run
 * by a driver that knows its dialect. The SQLite and PostgreSQL stores differ only here and in
 * their schema text.
 */
export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface SqlDriver {
  /** Rows of a query (or of a write with RETURNING). */
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a write; resolves to the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** ` FOR UPDATE` where row locks exist, else empty. */
  readonly forUpdate: string;
}

/** A column that SQLite returns as a number and PostgreSQL's BIGINT as a string. */
export function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A JSON column: TEXT in SQLite, JSONB (already parsed) in PostgreSQL. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
