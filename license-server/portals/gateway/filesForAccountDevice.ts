import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema, hardwareIdSchema } from '../../core/fields.ts';
import { issueLicenseFile } from '../../core/licenseFiles.ts';
import { licenseStatus } from '../../core/licenseStatus.ts';
import { runOperation } from '../../core/runOperation.ts';

export const filesForAccountDeviceInput = z.object({ accountId: accountIdSchema, hardwareId: hardwareIdSchema }).strict();
export type FilesForAccountDeviceInput = z.input<typeof filesForAccountDeviceInput>;

/**
 * GW-4 from the portal's side: the license files of one device, for an administrator to copy
 * and paste on its General / License page — a signed LIC1 file with a fresh nonce for every
 * license of the account bound to that hardware ID whose term has not ended. Another account's
 * licenses on the same device are not the signed-in user's to hand out, so they are left out.
 */
export async function filesForAccountDevice(ctx: CoreContext, input: FilesForAccountDeviceInput): Promise<Result<string[]>> {
  const parsed = parseValue(input, filesForAccountDeviceInput, 'license files');
  if (!parsed.ok) return parsed;
  const { accountId, hardwareId } = parsed.value;
  const info = { actor: `account:${accountId}`, action: 'license.download', subject: hardwareId };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const live = (await tx.licenses.listByHardware(hardwareId)).filter((l) => l.accountId === accountId && licenseStatus(l, now) !== 'Inactive');
    const issued = [];
    for (const license of live) issued.push(await issueLicenseFile(tx, ctx, { license, hardwareId, now }));
    if (issued.length > 0) await audit({ licenseIds: live.map((l) => l.id), nonces: issued.map((i) => i.nonce) });
    return ok(issued.map((i) => i.file));
  });
}
