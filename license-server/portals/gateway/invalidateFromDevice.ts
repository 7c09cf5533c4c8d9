import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { deviceIdentityFields, verifyDevice } from '../../core/deviceIdentity.ts';
import { licenseIdSchema } from '../../core/fields.ts';
import { detachLicense } from '../../core/licenseFiles.ts';
import { runOperation } from '../../core/runOperation.ts';
import type { License } from '../../core/types.ts';

export const invalidateFromDeviceInput = z.object({
  licenseIds: z.array(licenseIdSchema).min(1).max(256),
  ...deviceIdentityFields,
}).strict();
export type InvalidateFromDeviceInput = z.input<typeof invalidateFromDeviceInput>;

export const INVALIDATE_OP = 'gateway.invalidate';

/**
 * GW-6: a device returns licenses to the portal itself; this needs a valid device certificate
 * and a proof signed with the certified key for this very request. All or nothing: every
 * license must be bound to the device. Unbinds them and revokes their files there; returns
 * the IDs invalidated. Codes: those of verifyDevice (`CERTIFICATE_INVALID`, `REQUEST_REPLAYED`, …), `NOT_FOUND`,
 * `LICENSE_NOT_BOUND`.
 */
export async function invalidateFromDevice(ctx: CoreContext, input: InvalidateFromDeviceInput): Promise<Result<string[]>> {
  const parsed = parseValue(input, invalidateFromDeviceInput, 'invalidate');
  if (!parsed.ok) return parsed;
  const { hardwareId, licenseIds, certificate, proof, requestId } = parsed.value;
  const info = { actor: `device:${hardwareId}`, action: 'license.invalidate', subject: hardwareId };
  const verified = await verifyDevice(ctx, { op: INVALIDATE_OP, hardwareId, certificate, proof, requestId, subject: licenseIds });
  if (!verified.ok) return runOperation(ctx, info, async () => verified);
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const ids = [...new Set(licenseIds)];
    const licenses: License[] = [];
    for (const [i, id] of ids.entries()) {
      const license = await tx.licenses.get(id, { forUpdate: true });
      if (!license) return fail('NOT_FOUND', `no license with ID ${id}`, `licenseIds.${i}`);
      if (license.hardwareId !== hardwareId) {
        return fail('LICENSE_NOT_BOUND', `license ${id} is not bound to hardware ID ${hardwareId}`, `licenseIds.${i}`);
      }
      licenses.push(license);
    }
    const revokedNonces: string[] = [];
    for (const license of licenses) revokedNonces.push(...(await detachLicense(tx, { license, hardwareId, now, to: null })));
    await audit({ requestId, licenseIds: ids, serialNumber: verified.value.serialNumber, revokedNonces });
    return ok(ids);
  });
}
