import { z } from 'zod';

export const version = z
  .string()
  .regex(/^\d+\.\d+(\.\d+)?$/, 'expected a firmware version such as 3.2 or 4.0')
  .describe("The firmware version, e.g. '4.0' (quoted: YAML reads 4.0 as a number).");
