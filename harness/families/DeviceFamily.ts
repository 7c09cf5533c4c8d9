import type { z } from 'zod';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';

/**
 * A derived value `expect` and `wait` can check on a device, beside the fields of its own state:
 * what it reads, for the editor's hover; the values a scenario may expect of it, which the
 * loader and the JSON Schema check; and how it reads them off a running device.
 */
export interface Probe {
  readonly description: string;
  /** Objects are matched partially (matchPartial), so the keys of an object value are optional. */
  readonly expects: z.ZodType;
  read(appliance: Appliance): unknown;
}

export function probe(description: string, expects: z.ZodType, read: (appliance: Appliance) => unknown): Probe {
  return { description, expects, read };
}

/**
 * What a running device needs to know of its family: its name and its probes. FamilyModule
 * extends it; it stands alone so that a device handle does not pull the whole module in.
 */
export interface DeviceFamily {
  readonly family: string;
  readonly probes: Readonly<Record<string, Probe>>;
}
