import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { gatewayOps } from '../../../protocol/messages/gateway.ts';
import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { deviceIdentityFields, verifyDevice } from '../../core/deviceIdentity.ts';
import { downloadForDevice } from './downloadForDevice.ts';

export const downloadToDeviceInput = z.object(deviceIdentityFields).strict();
export type DownloadToDeviceInput = z.input<typeof downloadToDeviceInput>;

/**
 * GW-6 asked for by the device itself over its link. The files are bound to a hardware ID and
 * every download issues fresh ones, so the request must prove it comes from the certified
 * device: otherwise anyone who knows a hardware ID could take its licenses.
 * Codes: those of downloadForDevice, plus `CERTIFICATE_INVALID`, `PROOF_INVALID`.
 */
export async function downloadToDevice(ctx: CoreContext, input: DownloadToDeviceInput): Promise<Result<string[]>> {
  const parsed = parseValue(input, downloadToDeviceInput, 'download');
  if (!parsed.ok) return parsed;
  const verified = await verifyDevice(ctx, { op: gatewayOps.download.op, ...parsed.value, subject: [] });
  if (!verified.ok) return verified;
  return downloadForDevice(ctx, { hardwareId: parsed.value.hardwareId });
}
