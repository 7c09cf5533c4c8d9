import { z } from 'zod';
import type { DeviceFamily } from '../families/DeviceFamily.ts';
import type { DeviceHandle } from '../runner/World.ts';
import { mismatch } from './matchPartial.ts';

/**
 * The checks `expect` and `wait` make on devices: each key names a probe of the device's
 * family (`state`, `pendingReset`, `licenses`, …) and gives the expected value.
 */
export type Checks = Record<string, unknown>;

/** The check keys every family's probes offer, for the strict schema of `expect` and `wait`. */
export function checkKeys(families: readonly DeviceFamily[]): string[] {
  return [...new Set(families.flatMap((f) => Object.keys(f.probes)))].sort();
}

/**
 * A field per check key, typed by what the families with that probe can read: `state: runing`
 * is refused at load time, not found out at run time. Where families share a key the value
 * may be any of theirs; which device has which family is known only when the step runs.
 */
export function checksShape(families: readonly DeviceFamily[]): Record<string, z.ZodOptional<z.ZodType>> {
  return Object.fromEntries(
    checkKeys(families).map((key) => {
      const having = families.flatMap((f) => (f.probes[key] ? [{ family: f.family, probe: f.probes[key] }] : []));
      const values = [...new Set(having.map((h) => h.probe.expects))];
      const value = values.length === 1 ? values[0]! : z.union(values as [z.ZodType, z.ZodType, ...z.ZodType[]]);
      const descriptions = [...new Set(having.map((h) => h.probe.description))];
      const names = having.map((h) => h.family).join(', ');
      const description =
        descriptions.length === 1 ? `${descriptions[0]} (${names})` : having.map((h) => `${h.family}: ${h.probe.description}`).join('\n');
      return [key, value.optional().describe(description)];
    }),
  );
}

export interface CheckMiss {
  device: string;
  key: string;
  expected: unknown;
  actual: unknown;
  at: string;
}

/** The first check the device fails, or undefined when it passes them all. */
export function firstMiss(device: DeviceHandle, checks: Checks): CheckMiss | undefined {
  for (const [key, expected] of Object.entries(checks)) {
    if (expected === undefined) continue;
    const probe = device.family.probes[key];
    if (!probe) return { device: device.id, key, expected, actual: `(a ${device.family.family} has no '${key}')`, at: key };
    const actual = probe.read(device.appliance);
    const miss = mismatch(expected, actual);
    if (miss !== undefined) return { device: device.id, key, expected: miss.expected, actual: miss.actual, at: miss.path ? `${key}.${miss.path}` : key };
  }
  return undefined;
}
