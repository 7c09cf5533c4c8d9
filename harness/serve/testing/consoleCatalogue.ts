import type { Appliance } from '../../../firmware-sim/shared/Appliance.ts';
import { createCatalogue, familyModules, type Catalogue } from '../../catalogue.ts';
import type { FamilyModule } from '../../families/FamilyModule.ts';

export interface ConsoleCatalogue {
  /** The bundled families and portals; each family hands over every appliance it builds. */
  readonly catalogue: Catalogue;
  /** The appliance of that device ID that the fleet was built with. */
  appliance(deviceId: string): Appliance;
  /** Runs one line of the device's console commands (`download`, `customerid <id>`), as typed at its serial port. */
  type(deviceId: string, line: string): Promise<string>;
}

/**
 * The catalogue with a hand on every appliance a fleet is built with, through the families'
 * own `create` — injected, not mocked — so a test or fixture can reach the devices of an
 * in-process `fleetrig serve` through their console commands, as a person at the serial port
 * would. Make one per service started: a restart builds new appliances.
 */
export function consoleCatalogue(): ConsoleCatalogue {
  const built = new Map<string, { family: FamilyModule; appliance: Appliance }>();
  const families = familyModules.map((family): FamilyModule => ({
    ...family,
    create(options) {
      const appliance = family.create(options);
      built.set(appliance.deviceId, { family, appliance });
      return appliance;
    },
  }));
  const device = (deviceId: string) => {
    const found = built.get(deviceId);
    if (found === undefined) throw new Error(`no device ${deviceId} in the fleet (built: ${[...built.keys()].join(', ') || 'none'})`);
    return found;
  };
  return {
    catalogue: createCatalogue({ families }),
    appliance: (deviceId) => device(deviceId).appliance,
    async type(deviceId, line) {
      const { family, appliance } = device(deviceId);
      const [name, ...args] = line.trim().split(/\s+/);
      const command = family.console?.(appliance)[name!];
      if (command === undefined) return `error UNKNOWN_COMMAND: ${family.family} has no console command '${name}'`;
      return command.run(args);
    },
  };
}
