import { z } from 'zod';
import { proofText, verifyDeviceProof, type CertificatePayload } from '../../protocol/deviceCertificate.ts';
import type { Result } from './result.ts';
import type { CoreContext } from './CoreContext.ts';
import { hardwareIdSchema } from './fields.ts';

/** What every device operation carries to prove which device sent it (GW-6, GW-8, SS-4…SS-6, PC-7). */
export const deviceIdentityFields = {
  hardwareId: hardwareIdSchema,
  /** CRT1 device certificate from the manufacturer. */
  certificate: z.string().min(1).max(4096),
  /** The device key's signature of proofText(op, requestId, hardwareId, subject). */
  proof: z.string().min(1).max(256),
  /** The link request's ID: the proof signs it, so a captured proof cannot be replayed. */
  requestId: z.string().min(1).max(64),
};

/** Codes: `CERTIFICATE_INVALID`, `PROOF_INVALID`. */
export function verifyDevice(
  ctx: CoreContext,
  args: { op: string; hardwareId: string; certificate: string; proof: string; requestId: string; subject: readonly string[] },
): Result<CertificatePayload> {
  return verifyDeviceProof({
    certificate: args.certificate,
    manufacturerPublicKey: ctx.manufacturerPublicKey,
    hardwareId: args.hardwareId,
    proof: args.proof,
    text: proofText(args.op, args.requestId, args.hardwareId, args.subject),
  });
}
