import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { proofText, verifyDeviceProof } from '../../../protocol/deviceCertificate.ts';
import { gatewayOps } from '../../../protocol/messages/gateway.ts';
import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { hardwareIdSchema } from '../../core/fields.ts';
import { issueTestLicense } from './issueTestLicense.ts';

export const issueTestLicenseToDeviceInput = z.object({
  hardwareId: hardwareIdSchema,
  certificate: z.string().min(1).max(4096),
  /** The device key's signature of proofText('gateway.testLicense', requestId, hardwareId). */
  proof: z.string().min(1).max(256),
  requestId: z.string().min(1).max(64),
}).strict();
export type IssueTestLicenseToDeviceInput = z.input<typeof issueTestLicenseToDeviceInput>;

/**
 * GW-8 asked for by the device itself over its portal link. A device gets one test license,
 * ever, so the request must prove it comes from the certified device: otherwise any device
 * could spend another's test license by sending its hardware ID.
 * Codes: those of issueTestLicense, plus `CERTIFICATE_INVALID`, `PROOF_INVALID`.
 */
export async function issueTestLicenseToDevice(ctx: CoreContext, input: IssueTestLicenseToDeviceInput): Promise<Result<string>> {
  const parsed = parseValue(input, issueTestLicenseToDeviceInput, 'test license');
  if (!parsed.ok) return parsed;
  const { hardwareId, certificate, proof, requestId } = parsed.value;
  const verified = verifyDeviceProof({
    certificate,
    manufacturerPublicKey: ctx.manufacturerPublicKey,
    hardwareId,
    proof,
    text: proofText(gatewayOps.testLicense.op, requestId, hardwareId, []),
  });
  if (!verified.ok) return verified;
  return issueTestLicense(ctx, { hardwareId });
}
