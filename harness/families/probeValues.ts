import { z } from 'zod';
import { stableCode } from '../scenario/fields.ts';

/** Value schemas several families' probes share. */

/** Every appliance's run state. */
export const runState = z.enum(['off', 'booting', 'running']);

/** Feature code → amount; a feature left out is not checked, and 0 means "none". */
export const featureCounts = z.record(z.string().min(1), z.number().int().min(0));

/** A probe that reads a page can find the device unable to show it: then the error's code. */
export const orErrorCode = <T extends z.ZodType>(value: T) => z.union([value, stableCode]);
