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

/** A stable error code as the docs list them, `LICENSE_LIMIT`: what `expectError` names and probes read. */
export const stableCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an error code such as LICENSE_LIMIT');

/** `/pattern/flags` in a text match: a regular expression rather than a substring. */
export const PATTERN_MATCH = /^\/(.*)\/([a-z]*)$/s;

/** Text an error's message or `where` must hold: a substring, or `/pattern/flags`. */
const textMatch = (what: string) => z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    const m = PATTERN_MATCH.exec(text);
    if (!m) return;
    try {
      new RegExp(m[1]!, m[2]);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(error as Error).message}` });
    }
  })
  .describe(`Text the error's ${what} must contain, or \`/pattern/flags\` it must match.`);

/**
 * What an operation step's `expectError` accepts: a stable error code (`LICENSE_LIMIT`), or the
 * code with the message and the `where` the error must carry.
 */
export const expectedError = z.union([
  stableCode.describe('The stable error code the operation must fail with.'),
  z.object({
    code: stableCode.describe('The stable error code the operation must fail with.'),
    message: textMatch('message').optional(),
    where: textMatch('`where` (the field or position it names, e.g. hardwareId)').optional(),
  }).strict().describe('The error code, and what the error\'s message and `where` must say.'),
]).describe('The operation must fail, with this error code (and message and `where`, when given).');
export type ExpectedError = z.output<typeof expectedError>;

/**
 * Kept under its first name so the step kinds that take `expectError: errorCode.optional()`
 * need no edit; it is expectedError.
 */
export const errorCode = expectedError;
