import type {
  Account, AuditEntry, FacetRecord, Issuance, License, NewAuditEntry, Order,
} from '../core/types.ts';

/**
 * The license store: one interface, an embedded SQLite implementation and a PostgreSQL one,
 * held to the same contract by `storeContract.ts`. All access goes through `transaction`, which
 * commits when `work` resolves and rolls back when it throws.
 *
 * Isolation: SQLite transactions run one at a time (a queue per store plus BEGIN IMMEDIATE
 * across processes). PostgreSQL ones run concurrently at READ COMMITTED, so a read-then-write
 * rule (never over-assign a pool, never bind twice) reads its row with `{ forUpdate: true }`,
 * which becomes SELECT … FOR UPDATE. Inserts that break a unique rule throw `StoreConflict`.
 *
 * `work` must not call `transaction` on the same store: on SQLite that waits forever.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ReadOptions {
  /** Lock the rows read until the transaction ends (PostgreSQL; SQLite is already serial). */
  forUpdate?: boolean;
}

export interface StoreTx {
  readonly accounts: AccountsTable;
  readonly orders: OrdersTable;
  readonly licenses: LicensesTable;
  readonly issuances: IssuancesTable;
  readonly audit: AuditTable;
  readonly records: FacetRecordsTable;
  readonly deviceRequests: DeviceRequestsTable;
}

export interface AccountsTable {
  get(id: string, options?: ReadOptions): Promise<Account | undefined>;
  insert(account: Account): Promise<void>;
  listChildren(parentId: string): Promise<Account[]>;
}

export interface OrdersTable {
  get(id: string, options?: ReadOptions): Promise<Order | undefined>;
  /** By canonical activation key. */
  findByKey(activationKey: string, options?: ReadOptions): Promise<Order | undefined>;
  insert(order: Order): Promise<void>;
  /** Writes every field but `id`; false when there is no such order. */
  update(order: Order): Promise<boolean>;
}

export interface LicensesTable {
  get(id: string, options?: ReadOptions): Promise<License | undefined>;
  insert(license: License): Promise<void>;
  /** Writes every field but `id`; false when there is no such license. */
  update(license: License): Promise<boolean>;
  /** In creation order. */
  listByAccount(accountId: string): Promise<License[]>;
  /** In creation order. */
  listByHardware(hardwareId: string): Promise<License[]>;
  /**
   * A page of an account's licenses in creation order: those after the license `after` (from
   * the first without it) of the given feature codes, unbound or bound to `hardwareId`, at most
   * `limit`. For lists that grow with a fleet, so no query reads the whole account per page.
   */
  pageForHardware(args: { accountId: string; featureCodes: readonly string[]; hardwareId: string; after?: string; limit: number }): Promise<License[]>;
}

export interface IssuancesTable {
  insert(issuance: Issuance): Promise<void>;
  get(nonce: string): Promise<Issuance | undefined>;
  listByLicense(licenseId: string): Promise<Issuance[]>;
  /** Revokes the live issuances of a license on one device; returns the nonces revoked. */
  revoke(args: { licenseId: string; hardwareId: string; at: number }): Promise<string[]>;
}

/** Append-only: there is deliberately no update or delete, and the database refuses them too. */
export interface AuditTable {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** In append order, from after `afterSeq`, at most `limit` entries. */
  list(options?: { afterSeq?: number; limit?: number }): Promise<AuditEntry[]>;
}

export interface FacetRecordsTable {
  get(kind: string, id: string, options?: ReadOptions): Promise<FacetRecord | undefined>;
  /** Inserts or replaces the record under (kind, id). */
  put(record: FacetRecord): Promise<void>;
  /** Inserts a record that must be the first under (kind, id): else `StoreConflict` (table `facet_records`). */
  insert(record: FacetRecord): Promise<void>;
  /** In the order first put; only those owned by `accountId` when it is given. */
  list(kind: string, options?: { accountId?: string }): Promise<FacetRecord[]>;
  remove(kind: string, id: string): Promise<boolean>;
}

/**
 * The IDs of signed device requests the server has accepted a proof for, kept for good: a
 * captured request sent again is refused, however much later and whatever changed since.
 */
export interface DeviceRequestsTable {
  /** Records the request ID for the hardware ID; false when it was recorded before (a replay). */
  remember(request: { hardwareId: string; requestId: string; op: string; at: number }): Promise<boolean>;
}

/** A write broke a unique rule of `table`: a concurrent or repeated insert of the same thing. */
export class StoreConflict extends Error {
  readonly code = 'CONFLICT';
  readonly table: string;

  constructor(table: string, cause?: unknown) {
    super(`unique rule of ${table} broken`, { cause });
    this.name = 'StoreConflict';
    this.table = table;
  }
}
