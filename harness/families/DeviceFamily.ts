import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';

/** A derived value `expect` and `wait` can check on a device, beside the fields of its own state. */
export type Probe = (appliance: Appliance) => unknown;

/**
 * What a running device needs to know of its family: its name and its probes. FamilyModule
 * extends it; it stands alone so that a device handle does not pull the whole module in.
 */
export interface DeviceFamily {
  readonly family: string;
  readonly probes: Readonly<Record<string, Probe>>;
}
