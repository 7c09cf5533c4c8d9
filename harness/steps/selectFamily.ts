import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { DeviceHandle, World } from '../runner/World.ts';

/**
 * One appliance family as the steps that drive its devices name it: the family's name, what
 * one of its appliances is called in messages (`a gateway`), and how its appliances read as
 * their own type once the family has been checked.
 */
export interface ApplianceFamily<F extends Appliance> {
  readonly family: string;
  readonly called: string;
  /** The appliance as this family's type; only for a device already known to be of the family. */
  narrow(appliance: Appliance): F;
}

export function applianceFamily<F extends Appliance>(spec: { family: string; called: string }): ApplianceFamily<F> {
  return { family: spec.family, called: spec.called, narrow: (appliance) => appliance as F };
}

/** The device itself, or WRONG_FAMILY when it is of another family than the step drives. */
export function checkFamily(device: DeviceHandle, family: ApplianceFamily<Appliance>): Result<DeviceHandle> {
  const checked = checkFamilyName(device.id, device.family.family, family);
  return checked.ok ? ok(device) : checked;
}

/** WRONG_FAMILY unless the device `id`, of family `actual`, is of `family`: for a device known only by name (a fleet member another shard runs). */
export function checkFamilyName(id: string, actual: string, family: ApplianceFamily<Appliance>): Result<void> {
  if (actual === family.family) return ok(undefined);
  return fail('WRONG_FAMILY', `${id} is a ${actual}, not ${family.called}`);
}

/** The selected devices, all of the family, or WRONG_FAMILY naming the first that is not. */
export function selectFamily(world: World, selector: string | readonly string[], family: ApplianceFamily<Appliance>): Result<DeviceHandle[]> {
  const chosen = world.select(selector);
  if (!chosen.ok) return chosen;
  for (const device of chosen.value) {
    const checked = checkFamily(device, family);
    if (!checked.ok) return checked;
  }
  return chosen;
}
