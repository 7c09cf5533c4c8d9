import type { Identity } from '../../emulator/identity/Identity.ts';
import type { Random } from '../../emulator/random/Random.ts';
import type { LicenseServer } from '../../license-server/createLicenseServer.ts';
import type { CreateOrderInput } from '../../license-server/core/createOrder.ts';
import type { LicenseView } from '../../license-server/core/types.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';

/** What a family's portal seed works with: the in-process server and the one device it serves. */
export interface PortalSeedContext {
  readonly server: LicenseServer;
  readonly deviceId: string;
  readonly identity: Identity;
  /** For what the seed draws itself; the server draws its IDs, keys and tokens from its own seeded streams. */
  readonly random: Random;
}

/** What was set up, as `fleetrig device` prints it: what the portal holds and what to type. */
export interface SeededPortal {
  /** `label value` rows: the account, the Customer ID, the token — whatever the console asks for. */
  readonly holds: readonly (readonly [label: string, value: string])[];
  /** The console commands of the success path, in order, exactly as they are typed. */
  readonly type: readonly string[];
}

/**
 * Sets up a fresh portal so the family's success path works from the console, through the
 * server's own facets and core, as a person at the portal (or a scenario's `portal` steps)
 * would. One function per family, in portalSeeds.ts.
 */
export type PortalSeed = (context: PortalSeedContext) => Promise<Result<SeededPortal>>;

/**
 * A portal operation's result, its failure naming the seeding step. A fresh store refuses
 * nothing a seed asks, so a failure here means a portal's rules changed under the seed.
 */
export function seedStep<T>(result: Result<T>, what: string): Result<T> {
  return result.ok ? ok(result.value) : fail(result.error.code, `seeding the portal: ${what}: ${result.error.message}`, 'portal');
}

/** An order placed and its key activated into the same account, as the portal user does first. */
export async function activatedOrder(server: LicenseServer, input: CreateOrderInput): Promise<Result<{ activationKey: string; licenses: LicenseView[] }>> {
  const order = seedStep(await server.core.createOrder(input), 'placing the order');
  if (!order.ok) return order;
  const { activationKey } = order.value;
  const licenses = seedStep(await server.core.activate({ accountId: input.accountId, activationKey }), 'activating the order');
  return licenses.ok ? ok({ activationKey, licenses: licenses.value }) : licenses;
}
