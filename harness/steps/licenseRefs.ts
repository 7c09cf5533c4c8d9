import { ok, type Result } from '../../protocol/result.ts';
import type { OrderHandle, World } from '../runner/World.ts';

/** License IDs behind `ORDER.N` references, or the failure for the first that names none. */
export function licenseIds(world: World, refs: readonly string[]): Result<string[]> {
  const ids: string[] = [];
  for (const ref of refs) {
    const id = world.license(ref);
    if (!id.ok) return id;
    ids.push(id.value);
  }
  return ok(ids);
}

/** The scenario order a reference `ORDER.N` belongs to, if the scenario has it. */
export function orderOfLicense(world: World, ref: string): OrderHandle | undefined {
  return world.orders.get(ref.split('.')[0]!);
}
