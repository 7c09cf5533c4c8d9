import type { LicenseView } from '../../../license-server/core/types.ts';
import { ok, type Result } from '../../../protocol/result.ts';
import type { World } from '../../runner/World.ts';
import { orderOfLicense } from '../licenseRefs.ts';

export interface PortalLicense {
  readonly id: string;
  /** The account of the order the license came from. */
  readonly account: string;
  /** The license as the portal lists it; undefined when that account does not list it. */
  readonly view: LicenseView | undefined;
}

/** A license reference `ORDER.N` as the (gateway) portal lists it in its order's account. */
export async function portalLicense(world: World, ref: string): Promise<Result<PortalLicense>> {
  const id = world.license(ref);
  if (!id.ok) return id;
  // world.license found the order, so it is there.
  const account = orderOfLicense(world, ref)!.spec.account;
  const listed = await world.server.gateway.listLicenses({ accountId: account });
  if (!listed.ok) return listed;
  return ok({ id: id.value, account, view: listed.value.find((l) => l.id === id.value) });
}
