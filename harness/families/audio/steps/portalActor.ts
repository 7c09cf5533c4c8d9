import { z } from 'zod';
import { name } from '../../../scenario/fields.ts';
import type { PortalActor } from '../../../../license-server/portals/audio/portalUsers.ts';

/** The portal user an `audio.portal.*` step acts as: `as: olive`, in `account` (default: `default`). */
export const asUser = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/, 'expected a user name such as olive')
  .describe('The portal user the step acts as, e.g. olive: their roles decide what they may do.');
export const account = name.describe("The customer account, e.g. acme; 'default' when omitted.");

export function actor(accountId: string, user: string): PortalActor {
  return { accountId, user };
}

/** The account a scenario's orders and users belong to when none is named. */
export const DEFAULT_ACCOUNT = 'default';
