import type { LicenseView } from '../../../license-server/core/types.ts';
import { ok, type Result } from '../../../protocol/result.ts';
import type { World } from '../../runner/World.ts';
import { orderOfLicense } from '../licenseRefs.ts';

export interface OrderLicense {
  readonly id: string;
  /** The account of the order the license came from. */
  readonly account: string;
  /** The license as the cloud lists it; undefined when that account does not list it. */
  readonly view: LicenseView | undefined;
}

/** A license reference `ORDER.N` as the license cloud lists it in its order's account. */
export async function orderLicense(world: World, ref: string): Promise<Result<OrderLicense>> {
  const id = world.license(ref);
  if (!id.ok) return id;
  // world.license found the order, so it is there.
  const account = orderOfLicense(world, ref)!.spec.account;
  const listed = await world.server.core.listLicenses({ accountId: account });
  if (!listed.ok) return listed;
  return ok({ id: id.value, account, view: listed.value.find((l) => l.id === id.value) });
}
