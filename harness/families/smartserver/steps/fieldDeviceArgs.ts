import { z } from 'zod';

export const fieldDeviceNames = z.array(z.string().min(1).max(32)).min(1);
