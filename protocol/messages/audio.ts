import { z } from 'zod';

/**
 * The audio family's operations over the link with the cloud device-management service (PC-7):
 * a managed device enrols with an account, sends heartbeats while enrolled, and unenrols. Every
 * request proves the device's identity with its certificate and a proof over
 * `proofText(op, requestId, hardwareId, subject)` — the subject is `[accountId, deviceKind]` for
 * `audio.enroll` and empty for the others — so one device cannot act for another.
 */
export const managedDeviceKinds = ['audio'] as const;
export type ManagedDeviceKind = (typeof managedDeviceKinds)[number];

const identity = {
  hardwareId: z.string().min(1).max(128),
  /** CRT1 device certificate from the manufacturer. */
  certificate: z.string().max(4096),
  /** The device key's signature of the request's proof text. */
  proof: z.string().min(1).max(256),
};

/** Managed devices in use against what the account's Managed Device licenses allow. */
export const managedUsageSchema = z.object({ used: z.number().int().nonnegative(), allowed: z.number().int().nonnegative() });
export type ManagedUsage = z.infer<typeof managedUsageSchema>;

export const audioOps = {
  /** Enrol with an account, using the account's provisioning token; refused beyond the bound. */
  enroll: {
    op: 'audio.enroll',
    request: z.object({
      ...identity,
      accountId: z.string().min(1).max(128),
      provisioningToken: z.string().min(1).max(128),
      deviceKind: z.enum(managedDeviceKinds),
    }).strict(),
    reply: z.object({ accountId: z.string(), enrolledAt: z.number().int(), usage: managedUsageSchema }),
  },
  /** Leave the account: frees the device's place under the bound. */
  unenroll: {
    op: 'audio.unenroll',
    request: z.object(identity).strict(),
    reply: z.object({ accountId: z.string() }),
  },
  /** Liveness; the reply says whether the service still counts the device as enrolled. */
  heartbeat: {
    op: 'audio.heartbeat',
    request: z.object(identity).strict(),
    reply: z.object({ enrolled: z.boolean(), accountId: z.string().nullable() }),
  },
} as const;

export type AudioOp = (typeof audioOps)[keyof typeof audioOps]['op'];

/** The proof subject a device signs for each op. */
export function audioProofSubject(op: AudioOp, body: { accountId?: string; deviceKind?: string }): string[] {
  return op === audioOps.enroll.op ? [body.accountId ?? '', body.deviceKind ?? ''] : [];
}
