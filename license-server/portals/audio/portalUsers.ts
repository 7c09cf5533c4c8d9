import { z } from 'zod';
import type { StoreTx } from '../../store/Store.ts';
import { accountIdSchema } from '../../core/fields.ts';

/**
 * Accounts have users; a user has roles (PC-1). Kept as facet records of kind `audio.user`
 * under `accountId/name` (account IDs cannot contain `/`), so no table is added.
 */
export const PortalRole = {
  /** Manages the account's users. */
  AccountAdmin: 'Account Admin',
  /** PC-1: reaches the Licenses functions. */
  LicenseAdmin: 'License Admin',
  /** Provisions and lists managed devices. */
  DeviceAdmin: 'Device Admin',
} as const;
export type PortalRole = (typeof PortalRole)[keyof typeof PortalRole];
export const portalRoles = Object.values(PortalRole) as [PortalRole, ...PortalRole[]];

export const userNameSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]*$/, 'letters, digits and . _ @ + - only');
export const rolesSchema = z.array(z.enum(portalRoles)).max(portalRoles.length)
  .refine((roles) => new Set(roles).size === roles.length, 'each role at most once');

/** Who is acting at the portal: a user of an account. */
export interface PortalActor {
  accountId: string;
  user: string;
}
export const portalActorSchema = z.object({ accountId: accountIdSchema, user: userNameSchema }).strict();

export interface PortalUser {
  accountId: string;
  name: string;
  roles: PortalRole[];
}

export const USER_KIND = 'audio.user';
const userData = z.object({ name: z.string(), roles: z.array(z.enum(portalRoles)) });

export async function readUser(tx: StoreTx, accountId: string, name: string): Promise<PortalUser | undefined> {
  const record = await tx.records.get(USER_KIND, `${accountId}/${name}`);
  if (!record) return undefined;
  const data = userData.safeParse(record.data);
  // A record that no longer parses grants nothing rather than failing the request.
  return data.success ? { accountId, name, roles: data.data.roles } : { accountId, name, roles: [] };
}

export async function writeUser(tx: StoreTx, user: PortalUser, now: number): Promise<void> {
  await tx.records.put({ kind: USER_KIND, id: `${user.accountId}/${user.name}`, accountId: user.accountId, data: { name: user.name, roles: user.roles }, updatedAt: now });
}

export async function accountHasUsers(tx: StoreTx, accountId: string): Promise<boolean> {
  return (await tx.records.list(USER_KIND, { accountId })).length > 0;
}
