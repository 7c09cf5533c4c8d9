import type { TransactionType } from '../../protocol/licenseFile.ts';

/**
 * The license cloud's domain records, shared by every portal facet. Times are epoch
 * milliseconds on the injected clock; `null` means "not set" (never `undefined`), so a record
 * reads the same from SQLite, PostgreSQL and JSON.
 */
export type { TransactionType };

/** A customer, partner or project account (SS-2 gives partners child accounts). */
export interface Account {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: number;
}

/** One product line of an order; activation turns it into one license. */
export interface OrderItem {
  featureCode: string;
  count: number;
  transactionType: TransactionType;
  /**
   * Term length in calendar months, added before `termDays`; absent (orders stored before it
   * existed) or null for none. A license with neither is perpetual.
   */
  termMonths?: number | null;
  /** Term length in days, added after `termMonths`; null for none. */
  termDays: number | null;
  /** Fixed start (epoch ms); null to start at activation. */
  start: number | null;
}

/** An order and the activation key it yields (GW-1, PC-5: one key may bundle several items). */
export interface Order {
  id: string;
  accountId: string;
  /** Canonical grouped form, e.g. `ABC123-DEF456-GH789`. */
  activationKey: string;
  items: OrderItem[];
  createdAt: number;
  activatedAt: number | null;
  activatedBy: string | null;
}

export type LicenseKind = 'standard' | 'test';

export interface License {
  id: string;
  /** Owner; null for GW-8 test licenses, which belong to a device rather than an account. */
  accountId: string | null;
  orderId: string | null;
  activationKey: string | null;
  featureCode: string;
  count: number;
  transactionType: TransactionType;
  kind: LicenseKind;
  start: number;
  /** Null for perpetual licenses. */
  end: number | null;
  /** The device the license is bound to (GW-2); null while unbound. */
  hardwareId: string | null;
  createdAt: number;
}

/** PC-4, worded as the device-management portal shows it. */
export const LicenseStatus = {
  Impending: 'Impending',
  Active: 'Active',
  ExpiringShortly: 'Expiring Shortly',
  Inactive: 'Inactive',
} as const;
export type LicenseStatus = (typeof LicenseStatus)[keyof typeof LicenseStatus];

export interface LicenseView extends License {
  status: LicenseStatus;
}

/**
 * One signed license file handed to a device. Its nonce is revoked when the license leaves
 * that device (GW-3 move, GW-6 invalidation), so a later sync tells the device to drop it.
 */
export interface Issuance {
  nonce: string;
  licenseId: string;
  hardwareId: string;
  issuedAt: number;
  revokedAt: number | null;
}

export type AuditOutcome = 'ok' | 'refused';

export interface AuditEntry {
  /** Position in the log, increasing in the order entries were appended. */
  seq: number;
  at: number;
  /** Who acted: `account:<id>`, `device:<hardwareId>`, `vendor`. */
  actor: string;
  /** What was done, e.g. `license.move`. */
  action: string;
  /** What it was done to, e.g. a license ID or hardware ID. */
  subject: string;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

/**
 * A record a portal facet keeps without a table of its own (entitlement pools, access tokens,
 * user roles): JSON data under (kind, id), optionally owned by an account.
 */
export interface FacetRecord {
  kind: string;
  id: string;
  accountId: string | null;
  data: Record<string, unknown>;
  updatedAt: number;
}
