import type { Grant } from '../../../protocol/responseCode.ts';
import { VIDEO_FEATURE_PREFIX } from '../../../protocol/messages/video.ts';
import { licenseStatus } from '../../core/licenseStatus.ts';
import { LicenseStatus } from '../../core/types.ts';
import type { StoreTx } from '../../store/Store.ts';
import { listOwned, poolId, poolSchema, POOL_KIND, readPool, type Pool } from './videoRecords.ts';

/**
 * [CL-6] Entitlement pools. An account's entitlement for a feature is the total count of its
 * CLARITI-* licenses in force (activated, not bound to a gateway, not expired); the pool record
 * holds how much of it each purchased product is assigned. Other product lines' licenses in the
 * same account are not Clariti entitlements.
 */
export interface Entitlement {
  featureCode: string;
  total: number;
  assigned: number;
  available: number;
  /** Product ID → attribute count. */
  assignments: Record<string, number>;
}

export async function entitlementTotals(tx: StoreTx, accountId: string, now: number): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const license of await tx.licenses.listByAccount(accountId)) {
    if (!license.featureCode.startsWith(VIDEO_FEATURE_PREFIX) || license.hardwareId !== null) continue;
    const status = licenseStatus(license, now);
    if (status !== LicenseStatus.Active && status !== LicenseStatus.ExpiringShortly) continue;
    totals.set(license.featureCode, (totals.get(license.featureCode) ?? 0) + license.count);
  }
  return totals;
}

/**
 * When each feature's entitlement runs out: the latest end among its licenses in force, or null
 * when one of them has no end. A response code carries it, so the product stops counting the
 * entitlement then, offline too — and a product clock set back cannot revive it (TM-1).
 */
export async function entitlementEnds(tx: StoreTx, accountId: string, now: number): Promise<Map<string, number | null>> {
  const ends = new Map<string, number | null>();
  for (const license of await tx.licenses.listByAccount(accountId)) {
    if (!license.featureCode.startsWith(VIDEO_FEATURE_PREFIX) || license.hardwareId !== null) continue;
    const status = licenseStatus(license, now);
    if (status !== LicenseStatus.Active && status !== LicenseStatus.ExpiringShortly) continue;
    const seen = ends.get(license.featureCode);
    const end = seen === null || license.end === null ? null : Math.max(seen ?? license.end, license.end);
    ends.set(license.featureCode, end);
  }
  return ends;
}

export function entitlementView(pool: Pool, total: number): Entitlement {
  const assigned = Object.values(pool.assigned).reduce((a, b) => a + b, 0);
  return { featureCode: pool.featureCode, total, assigned, available: Math.max(0, total - assigned), assignments: { ...pool.assigned } };
}

/** Every feature the account has licenses or assignments for, in feature-code order. */
export async function accountEntitlements(tx: StoreTx, accountId: string, now: number): Promise<Entitlement[]> {
  const totals = await entitlementTotals(tx, accountId, now);
  const pools = new Map((await listOwned(tx, POOL_KIND, accountId, poolSchema)).map((p) => [p.featureCode, p]));
  const features = [...new Set([...totals.keys(), ...pools.keys()])].sort();
  return features.map((f) => entitlementView(pools.get(f) ?? { featureCode: f, assigned: {} }, totals.get(f) ?? 0));
}

/**
 * Reads a pool locked for the rest of the transaction (SELECT … FOR UPDATE on PostgreSQL), so
 * concurrent assignments to it run one after another and never over-assign. A pool not yet
 * written has no row to lock: the account's row is locked instead, then the pool read again,
 * so two first assignments cannot both start from an empty pool.
 */
export async function lockPool(tx: StoreTx, args: { accountId: string; featureCode: string }): Promise<Pool> {
  const id = poolId(args.accountId, args.featureCode);
  const found = await readPool(tx, id, { forUpdate: true });
  if (found) return found.value;
  await tx.accounts.get(args.accountId, { forUpdate: true });
  const again = await readPool(tx, id, { forUpdate: true });
  return again?.value ?? { featureCode: args.featureCode, assigned: {} };
}

/** What a response code grants a product: each entitlement assigned to it, until its end (entitlementEnds). */
export function grantsFor(entitlements: readonly Entitlement[], productId: string, ends: ReadonlyMap<string, number | null> = new Map()): Grant[] {
  return entitlements
    .filter((e) => (e.assignments[productId] ?? 0) > 0)
    .map((e) => ({ licenseId: `entitlement:${e.featureCode}`, featureCode: e.featureCode, count: e.assignments[productId]!, end: ends.get(e.featureCode) ?? null }));
}
