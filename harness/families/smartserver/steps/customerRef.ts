import { z } from 'zod';
import { fail, ok, type Result } from '../../../../protocol/result.ts';
import type { Customer } from '../../../../license-server/portals/smartserver/SmartServerPortal.ts';
import type { World } from '../../../runner/World.ts';
import { smartserverModule } from '../../../../license-server/portals/smartserver/smartserverModule.ts';

/** A customer as scenarios name it: the name given to `smartserver.portal.createCustomer`. */
export const customerName = z.string().trim().min(1).max(200).describe('A customer of the partner portal, by the name smartserver.portal.createCustomer gave it.');

/** The customer with this name in the partner portal; scenario customer names are unique. */
export async function findCustomer(world: World, name: string): Promise<Result<Customer>> {
  const found = await world.server.portal(smartserverModule).listCustomers({ name });
  if (!found.ok) return found;
  if (found.value.length === 0) return fail('NO_SUCH_CUSTOMER', `no customer named '${name}' in the partner portal; create it first (smartserver.portal.createCustomer)`);
  if (found.value.length > 1) return fail('AMBIGUOUS_CUSTOMER', `${found.value.length} partners have a customer named '${name}'; give customers distinct names`);
  return ok(found.value[0]!);
}
