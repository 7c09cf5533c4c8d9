import type { AccessTokenRecord } from './videoRecords.ts';

/** [CL-8] An access token as the portal lists it: never the secret, only who and when. */
export interface AccessTokenView {
  tokenId: string;
  user: string;
  status: 'Active' | 'Revoked';
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export function toAccessTokenView(token: AccessTokenRecord): AccessTokenView {
  return { ...token, status: token.revokedAt === null ? 'Active' : 'Revoked' };
}
