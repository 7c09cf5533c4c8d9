import type { FleetEntry } from '../scenario/scenarioSchema.ts';

/**
 * The device IDs one fleet entry creates: PREFIX-001 … (at least three digits, more for a
 * fleet of 1 000 or over: gw-0001 … gw-1000). The runner names its devices with it, and
 * `fleetrig credentials` writes a broker password for each.
 */
export function fleetDeviceIds(entry: Pick<FleetEntry, 'count' | 'prefix'>, familyPrefix: string): string[] {
  const prefix = entry.prefix ?? familyPrefix;
  const width = Math.max(3, String(entry.count).length);
  return Array.from({ length: entry.count }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}`);
}
