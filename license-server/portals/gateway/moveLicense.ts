import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { hardwareIdSchema, licenseIdSchema } from '../../core/fields.ts';
import { findLicense } from '../../core/findLicense.ts';
import { detachLicense } from '../../core/licenseFiles.ts';
import { licenseStatus, toLicenseView } from '../../core/licenseStatus.ts';
import { runOperation } from '../../core/runOperation.ts';
import type { LicenseView } from '../../core/types.ts';

export const moveLicenseInput = z.object({
  licenseId: licenseIdSchema,
  toHardwareId: hardwareIdSchema,
  /** Why, for the audit log: e.g. "device defective". */
  reason: z.string().max(500).optional(),
}).strict();
export type MoveLicenseInput = z.input<typeof moveLicenseInput>;

/**
 * GW-3: moves a license of a defective or replaced device to another one. The files issued to
 * the old device are revoked, so its copy is invalid and it drops the license on its next sync.
 * Codes: `NOT_FOUND`, `LICENSE_NOT_BOUND` (bind it instead), `LICENSE_INACTIVE`, `FORBIDDEN`
 * (test licenses stay with their device). Moving to the device it is on changes nothing.
 */
export async function moveLicense(ctx: CoreContext, input: MoveLicenseInput): Promise<Result<LicenseView>> {
  const parsed = parseValue(input, moveLicenseInput, 'move');
  if (!parsed.ok) return parsed;
  const { licenseId, toHardwareId, reason } = parsed.value;
  const info = { actor: 'portal:gateway', action: 'license.move', subject: licenseId };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const found = await findLicense(tx, licenseId, { forUpdate: true });
    if (!found.ok) return found;
    const license = found.value;
    const from = license.hardwareId;
    if (from === null) return fail('LICENSE_NOT_BOUND', `license ${licenseId} is bound to no device; bind it instead of moving it`, 'licenseId');
    if (from === toHardwareId) return ok(toLicenseView(license, now));
    if (license.kind === 'test') return fail('FORBIDDEN', `license ${licenseId} is a test license and stays with hardware ID ${from}`);
    if (licenseStatus(license, now) === 'Inactive') {
      return fail('LICENSE_INACTIVE', `license ${licenseId} ended at ${new Date(license.end!).toISOString()}`, 'licenseId');
    }
    const revokedNonces = await detachLicense(tx, { license, hardwareId: from, now, to: toHardwareId });
    await audit(
      { from, to: toHardwareId, reason: reason ?? null, revokedNonces },
      { actor: license.accountId ? `account:${license.accountId}` : info.actor },
    );
    return ok(toLicenseView({ ...license, hardwareId: toHardwareId }, now));
  });
}
