import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { gatewayOps } from '../../../protocol/messages/gateway.ts';
import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { deviceIdentityFields, verifyDevice } from '../../core/deviceIdentity.ts';
import { issueTestLicense } from './issueTestLicense.ts';

export const issueTestLicenseToDeviceInput = z.object(deviceIdentityFields).strict();
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
  const verified = await verifyDevice(ctx, { op: gatewayOps.testLicense.op, ...parsed.value, subject: [] });
  if (!verified.ok) return verified;
  return issueTestLicense(ctx, { hardwareId: parsed.value.hardwareId });
}
