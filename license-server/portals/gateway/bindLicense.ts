import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { hardwareIdSchema, licenseIdSchema } from '../../core/fields.ts';
import { findLicense } from '../../core/findLicense.ts';
import { licenseStatus, toLicenseView } from '../../core/licenseStatus.ts';
import { runOperation } from '../../core/runOperation.ts';
import type { LicenseView } from '../../core/types.ts';

export const bindLicenseInput = z.object({ licenseId: licenseIdSchema, hardwareId: hardwareIdSchema }).strict();
export type BindLicenseInput = z.input<typeof bindLicenseInput>;

/**
 * GW-2: binds a license to one hardware ID. Binding again to the same device is a no-op; to
 * another device it is refused (`LICENSE_BOUND_ELSEWHERE`) — that takes a move (GW-3).
 * Also `NOT_FOUND`, `LICENSE_INACTIVE` (its term has ended), `FORBIDDEN` (a test license).
 */
export async function bindLicense(ctx: CoreContext, input: BindLicenseInput): Promise<Result<LicenseView>> {
  const parsed = parseValue(input, bindLicenseInput, 'bind');
  if (!parsed.ok) return parsed;
  const { licenseId, hardwareId } = parsed.value;
  const info = { actor: 'portal:gateway', action: 'license.bind', subject: licenseId };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const found = await findLicense(tx, licenseId, { forUpdate: true });
    if (!found.ok) return found;
    const license = found.value;
    if (license.hardwareId === hardwareId) return ok(toLicenseView(license, now));
    if (license.hardwareId !== null) {
      return fail(
        'LICENSE_BOUND_ELSEWHERE',
        `license ${licenseId} is bound to hardware ID ${license.hardwareId}, not ${hardwareId}; move it to use it on another device`,
        'hardwareId',
      );
    }
    if (license.kind === 'test') return fail('FORBIDDEN', `license ${licenseId} is a test license and stays with the device it was issued to`);
    if (licenseStatus(license, now) === 'Inactive') {
      return fail('LICENSE_INACTIVE', `license ${licenseId} ended at ${new Date(license.end!).toISOString()}`, 'licenseId');
    }
    const bound = { ...license, hardwareId };
    await tx.licenses.update(bound);
    await audit({ hardwareId }, { actor: license.accountId ? `account:${license.accountId}` : info.actor });
    return ok(toLicenseView(bound, now));
  });
}
