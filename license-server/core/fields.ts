import { z } from 'zod';

/** Field rules shared by every portal's inputs, so an ID means the same thing everywhere. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/;

export const accountIdSchema = z.string().min(1).max(128).regex(NAME, 'letters, digits and . _ : @ - only');
export const hardwareIdSchema = z.string().min(1).max(128).regex(NAME, 'letters, digits and . _ : @ - only');
export const licenseIdSchema = z.string().min(1).max(128);
/** e.g. `PBX-MOBILITY`, `PDMS-AUDIO` */
export const featureCodeSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits and . _ - only');
