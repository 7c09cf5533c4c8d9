import { z } from 'zod';
import { installCodeSchema, isSmartServerFeature } from '../../../protocol/messages/smartserver.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { detachLicense } from '../../core/licenseFiles.ts';
import { runOperation } from '../../core/runOperation.ts';
import { readLicenseData, writeLicenseData } from './smartserverRecords.ts';

export const transferFromServerInput = z.object({ installCode: installCodeSchema }).strict();
export type TransferFromServerInput = z.input<typeof transferFromServerInput>;

export interface Transferred {
  transferred: string[];
  transferDate: number;
}

/**
 * SS-6, device side: every device-capacity and maintenance license bound to the install code
 * returns to the cloud — unbound, its files revoked, its transfer date now — from where it can
 * be downloaded again, here or on another server. A server with nothing bound is refused
 * `NOTHING_TO_TRANSFER`, and nothing changes.
 */
export async function transferFromServer(ctx: CoreContext, input: TransferFromServerInput): Promise<Result<Transferred>> {
  const parsed = parseValue(input, transferFromServerInput, 'transfer');
  if (!parsed.ok) return parsed;
  const { installCode } = parsed.value;
  const info = { actor: `device:${installCode}`, action: 'smartserver.license.transfer', subject: installCode };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const transferred: string[] = [];
    for (const listed of await tx.licenses.listByHardware(installCode)) {
      if (!isSmartServerFeature(listed.featureCode)) continue;
      // Re-read under lock: a concurrent transfer of the same server may have taken it already.
      const license = await tx.licenses.get(listed.id, { forUpdate: true });
      if (license?.hardwareId !== installCode) continue;
      await detachLicense(tx, { license, hardwareId: installCode, now, to: null });
      const data = await readLicenseData(tx, license);
      await writeLicenseData(tx, { license: { ...license, hardwareId: null }, data: { ...data, transferDate: now, segmentController: installCode }, now });
      transferred.push(license.id);
    }
    if (transferred.length === 0) {
      return fail(ErrorCode.NothingToTransfer, `the SmartServer with install code ${installCode} holds no license to transfer to the cloud`);
    }
    await audit({ licenseIds: transferred });
    return ok({ transferred, transferDate: now });
  });
}
