import { z } from 'zod';

/** The audio device's NVRAM image: where it is enrolled, so it stays managed across reboots. */
export const audioImageSchema = z.object({
  enrollment: z.object({
    accountId: z.string().min(1),
    provisioningToken: z.string().min(1),
    since: z.number().int(),
  }).nullable(),
}).strict();
export type AudioImage = z.infer<typeof audioImageSchema>;

export const blankAudioImage = (): AudioImage => ({ enrollment: null });
