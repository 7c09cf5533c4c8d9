import { z } from 'zod';

/** The audio device's NVRAM image: where it is enrolled, so it stays managed across reboots. */
export const audioSettingsSchema = z.object({
  enrollment: z.object({
    accountId: z.string().min(1),
    provisioningToken: z.string().min(1),
    since: z.number().int(),
  }).nullable(),
}).strict();
export type AudioSettings = z.infer<typeof audioSettingsSchema>;

export const blankAudioSettings = (): AudioSettings => ({ enrollment: null });
