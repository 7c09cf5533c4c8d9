import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result.ts';
import type { ReadOptions, StoreTx } from '../../store/Store.ts';

/**
 * What the video portal keeps, as facet records (no tables of its own): purchased products
 * (under their fingerprint, so a product is listed once), entitlement pools (one per account
 * and feature, holding the assignments) and access tokens (under the hash of the secret).
 */
export const PRODUCT_KIND = 'video.product';
export const POOL_KIND = 'video.pool';
export const TOKEN_KIND = 'video.token';

/** How a product came into the list: CL-4 request code, CL-5 typed fields, CL-3 access token. */
export const productModes = ['standard', 'restrictive', 'online'] as const;
export type ProductMode = (typeof productModes)[number];

const optionalText = z.string().optional();

export const productSchema = z.object({
  /** The fingerprint of the product's request codes: 12 base-32 characters. */
  productId: z.string().length(12),
  mode: z.enum(productModes),
  /** What is known of the product's Licenses page: typed (restrictive) or reported (online). */
  fields: z.object({ name: optionalText, type: optionalText, version: optionalText, serial: optionalText, hostName: optionalText }),
  /** The latest request code added for it: Process License answers this one. */
  requestCode: z.string().nullable(),
  requestNonce: z.string().nullable(),
  addedAt: z.number().int(),
  /** When the product last connected with an access token (CL-3). */
  lastConnectedAt: z.number().int().nullable(),
  lastProcessedAt: z.number().int().nullable(),
});
export type Product = z.infer<typeof productSchema>;

export const poolSchema = z.object({
  featureCode: z.string(),
  /** Product ID → attribute count assigned to it. */
  assigned: z.record(z.string(), z.number().int().positive()),
});
export type Pool = z.infer<typeof poolSchema>;

export const tokenSchema = z.object({
  /** Shown in the list and used to revoke; the secret itself is never stored. */
  tokenId: z.string(),
  user: z.string(),
  createdAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
  lastUsedAt: z.number().int().nullable(),
});
export type AccessTokenRecord = z.infer<typeof tokenSchema>;

export function tokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export const poolId = (accountId: string, featureCode: string): string => `${accountId}/${featureCode}`;

export interface Owned<T> {
  readonly accountId: string | null;
  readonly value: T;
}

async function read<T>(tx: StoreTx, kind: string, id: string, schema: z.ZodType<T>, options?: ReadOptions): Promise<Owned<T> | undefined> {
  const record = await tx.records.get(kind, id, options);
  // A record that no longer parses is a fault of the server, not of the request: let it throw.
  return record && { accountId: record.accountId, value: schema.parse(record.data) };
}

export const readProduct = (tx: StoreTx, productId: string, options?: ReadOptions) => read(tx, PRODUCT_KIND, productId, productSchema, options);
export const readPool = (tx: StoreTx, id: string, options?: ReadOptions) => read(tx, POOL_KIND, id, poolSchema, options);
export const readToken = (tx: StoreTx, hash: string, options?: ReadOptions) => read(tx, TOKEN_KIND, hash, tokenSchema, options);

export async function writeProduct(tx: StoreTx, args: { accountId: string; product: Product; now: number }): Promise<void> {
  await tx.records.put({ kind: PRODUCT_KIND, id: args.product.productId, accountId: args.accountId, data: args.product, updatedAt: args.now });
}

export async function writePool(tx: StoreTx, args: { accountId: string; pool: Pool; now: number }): Promise<void> {
  const id = poolId(args.accountId, args.pool.featureCode);
  await tx.records.put({ kind: POOL_KIND, id, accountId: args.accountId, data: args.pool, updatedAt: args.now });
}

export async function writeToken(tx: StoreTx, args: { accountId: string; hash: string; token: AccessTokenRecord; now: number }): Promise<void> {
  await tx.records.put({ kind: TOKEN_KIND, id: args.hash, accountId: args.accountId, data: args.token, updatedAt: args.now });
}

export async function listOwned<T>(tx: StoreTx, kind: string, accountId: string, schema: z.ZodType<T>): Promise<T[]> {
  return (await tx.records.list(kind, { accountId })).map((r) => schema.parse(r.data));
}

/** NOT_FOUND for an account the portal has never seen. */
export async function requireAccount(tx: StoreTx, accountId: string): Promise<Result<string>> {
  return (await tx.accounts.get(accountId)) ? ok(accountId) : fail('NOT_FOUND', `no account with ID ${accountId}`, 'accountId');
}

/** The product, if it is listed in this account; NOT_FOUND otherwise. */
export async function requireProduct(tx: StoreTx, args: { accountId: string; productId: string; forUpdate?: boolean }): Promise<Result<Product>> {
  const found = await readProduct(tx, args.productId, { forUpdate: args.forUpdate });
  if (!found || found.accountId !== args.accountId) {
    return fail('NOT_FOUND', `no purchased product ${args.productId} in account ${args.accountId}; add it first`, 'productId');
  }
  return ok(found.value);
}

/** A purchased product's ID: its fingerprint, 12 characters of Crockford base 32. */
export const productIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/, 'expected a product ID of 12 characters (0-9, A-Z without I, L, O, U)');
