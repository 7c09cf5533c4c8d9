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

export function checksShape(families: readonly DeviceFamily[]): Record<string, z.ZodOptional<z.ZodUnknown>> {
  return Object.fromEntries(checkKeys(families).map((k) => [k, z.unknown().optional()]));
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
    const actual = probe(device.appliance);
    const miss = mismatch(expected, actual);
    if (miss !== undefined) return { device: device.id, key, expected: miss.expected, actual: miss.actual, at: miss.path ? `${key}.${miss.path}` : key };
  }
  return undefined;
}
