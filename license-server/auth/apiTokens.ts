import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { StoreTx } from '../store/Store.ts';
import { serverRoles } from './ServerRole.ts';

/**
 * API tokens, kept as facet records of kind `auth.token` under the SHA-256 of the secret (as
 * the video portal keeps its access tokens): the secret is shown once, when minted, and a
 * stolen store does not yield it.
 */
export const API_TOKEN_KIND = 'auth.token';
// The record's own account column stays null: a token may be minted for an account that does not
// exist yet (its first user's), and that column must name an existing account.

export const apiTokenSchema = z.object({
  tokenId: z.string(),
  user: z.string(),
  roles: z.array(z.enum(serverRoles)),
  accountId: z.string().nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  revokedAt: z.number().int().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export async function readTokenBySecret(tx: StoreTx, secret: string): Promise<ApiToken | undefined> {
  const record = await tx.records.get(API_TOKEN_KIND, secretHash(secret));
  // A record that no longer parses grants nothing.
  const parsed = record && apiTokenSchema.safeParse(record.data);
  return parsed?.success === true ? parsed.data : undefined;
}

/** Stores a new token; a secret drawn twice (the same seed over one store) is a `StoreConflict`, never an overwrite. */
export async function insertToken(tx: StoreTx, secret: string, token: ApiToken, now: number): Promise<void> {
  await tx.records.insert({ kind: API_TOKEN_KIND, id: secretHash(secret), accountId: null, data: { ...token }, updatedAt: now });
}

/** Every token with the hash it is stored under, in the order minted. */
export async function listTokenRecords(tx: StoreTx): Promise<{ hash: string; token: ApiToken }[]> {
  return (await tx.records.list(API_TOKEN_KIND)).map((record) => ({ hash: record.id, token: apiTokenSchema.parse(record.data) }));
}

export async function writeToken(tx: StoreTx, hash: string, token: ApiToken, now: number): Promise<void> {
  await tx.records.put({ kind: API_TOKEN_KIND, id: hash, accountId: null, data: { ...token }, updatedAt: now });
}

/** A token as listed: everything but the secret, which is never stored. */
export interface ApiTokenView extends ApiToken {
  status: 'Active' | 'Revoked';
}

export const tokenView = (token: ApiToken): ApiTokenView => ({ ...token, status: token.revokedAt === null ? 'Active' : 'Revoked' });
