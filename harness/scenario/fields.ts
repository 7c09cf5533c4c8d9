import { z } from 'zod';
import { parseDuration } from '../../emulator/clock/duration.ts';

/** Field schemas shared by the scenario format and the step kinds. */

/**
 * `90s`, `8h`, `3mo`, `1y`, `2h30m` — parsed to milliseconds. The pattern is parseDuration's
 * grammar, written out so the JSON Schema carries it and an editor flags `8 hours` as typed.
 */
export const DURATION_PATTERN = /^\s*(?:\d+(?:\.\d+)?(?:ms|mo|s|m|h|d|w|y))+\s*$/;
export const duration = z
  .string()
  .regex(DURATION_PATTERN, 'expected a duration such as 90s, 5m, 8h, 3mo, 1y')
  .transform((s) => parseDuration(s)!);

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
