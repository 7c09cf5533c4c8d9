import type { Entitlement } from './entitlementPools.ts';
import type { Product, ProductMode } from './videoRecords.ts';

/** A purchased product as Licensing > Clariti > Purchased Products lists it. */
export interface PurchasedProduct {
  productId: string;
  mode: ProductMode;
  name: string | null;
  type: string | null;
  version: string | null;
  serial: string | null;
  hostName: string | null;
  /** The request code Process License answers, until a newer one is added. */
  requestCode: string | null;
  addedAt: number;
  lastConnectedAt: number | null;
  lastProcessedAt: number | null;
  /** Feature → attribute count assigned to this product (CL-6). */
  entitlements: Record<string, number>;
}

export function toPurchasedProduct(product: Product, entitlements: readonly Entitlement[]): PurchasedProduct {
  const f = product.fields;
  return {
    productId: product.productId,
    mode: product.mode,
    name: f.name ?? null,
    type: f.type ?? null,
    version: f.version ?? null,
    serial: f.serial ?? null,
    hostName: f.hostName ?? null,
    requestCode: product.requestNonce === null ? null : product.requestCode,
    addedAt: product.addedAt,
    lastConnectedAt: product.lastConnectedAt,
    lastProcessedAt: product.lastProcessedAt,
    entitlements: Object.fromEntries(entitlements
      .filter((e) => (e.assignments[product.productId] ?? 0) > 0)
      .map((e) => [e.featureCode, e.assignments[product.productId]!])),
  };
}
