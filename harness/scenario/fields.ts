import { z } from 'zod';
import { parseDuration, type Duration } from '../../emulator/clock/duration.ts';

/** Field schemas shared by the scenario format and the step kinds. */

/**
 * `90s`, `8h`, `3mo`, `1y`, `2h30m`, at most 100 years. The pattern is parseDuration's grammar
 * (`mo` and `y` in whole numbers), written out so the JSON Schema carries it and an editor flags
 * `8 hours` as typed; the 100-year bound is checked on load, so `99999999999999999999y` is
 * refused with its place in the file.
 */
export const DURATION_PATTERN = /^\s*(?:\d+(?:mo|y)|\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+\s*$/;
const DURATION_HINT = 'expected a duration such as 90s, 5m, 8h, 3mo, 1y';

const checkedDuration = z.string().regex(DURATION_PATTERN, DURATION_HINT).transform((s, ctx): Duration => {
  const parsed = parseDuration(s);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

/**
 * A length of virtual time that may be calendar months (`advance: 3mo`, an order's `term: 1y`):
 * a `Duration`, which `addDuration` turns into an end from a given instant.
 */
export const calendarDuration = checkedDuration;

/**
 * A fixed length in milliseconds, for time limits and offsets (`within: 5m`, `ends: 395d`): months
 * and years have no fixed length, so they are refused here.
 */
export const duration = checkedDuration.transform((d, ctx): number => {
  if (d.months === 0) return d.ms;
  ctx.addIssue({ code: 'custom', message: 'months and years have no fixed length; give this one in days or weeks, e.g. 90d' });
  return z.NEVER;
});

/** A device ID (`gw-001`), a glob over IDs (`gw-*`, `*`), or a list of those. */
const deviceGlob = z.string().regex(/^[a-z0-9*][a-z0-9*-]{0,62}$/, 'expected a device ID or a glob such as gw-001, gw-*, *');
export const devices = z
  .union([deviceGlob, z.array(deviceGlob).min(1)])
  .describe('Which devices: an ID (gw-001), a glob over IDs (gw-*, *), or a list of those.');

export const deviceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a device ID such as gw-001').describe('One device, by ID: gw-001.');

/** A reference to a license created by activating a scenario order: `ORDER.N`, N from 1. */
export const licenseRef = z
  .string()
  .regex(/^[A-Za-z][\w-]*\.\d+$/, 'expected a license reference ORDER.N, e.g. o1.2')
  .describe('A license of a scenario order: ORDER.N, the Nth license of order ORDER (o1.2).');

export const name = z.string().regex(/^[A-Za-z][\w-]{0,63}$/, 'expected a name of letters, digits, _ and -');

export const featureCode = z.string().regex(/^[A-Za-z][\w-]{0,31}$/, 'expected a feature code such as Mobility or PDMS-AUDIO');

/** A stable error code, as in `expectError: LICENSE_LIMIT`. */
export const errorCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'expected an error code such as LICENSE_LIMIT')
  .describe('The step must fail with this stable error code (docs list them); it passes only if it does.');
