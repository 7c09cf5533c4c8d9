import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { hardwareIdSchema } from '../../core/fields.ts';
import { issueLicenseFile } from '../../core/licenseFiles.ts';
import { licenseStatus } from '../../core/licenseStatus.ts';
import { runOperation } from '../../core/runOperation.ts';

export const downloadForDeviceInput = z.object({ hardwareId: hardwareIdSchema }).strict();
export type DownloadForDeviceInput = z.input<typeof downloadForDeviceInput>;

/**
 * GW-6: a device that reaches the portal downloads its licenses itself — a signed LIC1 file,
 * with a fresh nonce, for every license bound to its hardware ID whose term has not ended.
 * The list is the whole truth: a license moved away (GW-3) is simply no longer in it.
 */
export async function downloadForDevice(ctx: CoreContext, input: DownloadForDeviceInput): Promise<Result<string[]>> {
  const parsed = parseValue(input, downloadForDeviceInput, 'download');
  if (!parsed.ok) return parsed;
  const { hardwareId } = parsed.value;
  const info = { actor: `device:${hardwareId}`, action: 'license.download', subject: hardwareId };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const live = (await tx.licenses.listByHardware(hardwareId)).filter((l) => licenseStatus(l, now) !== 'Inactive');
    const issued = [];
    for (const license of live) issued.push(await issueLicenseFile(tx, ctx, { license, hardwareId, now }));
    // Devices sync often; an empty sync changes nothing worth a log line.
    if (issued.length > 0) await audit({ licenseIds: live.map((l) => l.id), nonces: issued.map((i) => i.nonce) });
    return ok(issued.map((i) => i.file));
  });
}
