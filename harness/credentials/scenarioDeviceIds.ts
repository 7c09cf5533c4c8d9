import type { FamilyModule } from '../families/FamilyModule.ts';
import { fleetDeviceIds } from '../runner/fleetDeviceIds.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';

/**
 * Every device ID the scenarios can create, each once, sorted: device IDs repeat across
 * scenarios (most start with gw-001), and a repeated ID is one broker user with one password.
 */
export function scenarioDeviceIds(scenarios: readonly Pick<Scenario, 'fleet'>[], families: ReadonlyMap<string, Pick<FamilyModule, 'prefix'>>): string[] {
  const ids = new Set<string>();
  for (const scenario of scenarios) {
    for (const entry of scenario.fleet) {
      // The loader has checked every family name, so a miss is a caller's bug.
      const family = families.get(entry.family);
      if (family === undefined) throw new TypeError(`scenarioDeviceIds: unknown family '${entry.family}'`);
      for (const id of fleetDeviceIds(entry, family.prefix)) ids.add(id);
    }
  }
  return [...ids].sort();
}
