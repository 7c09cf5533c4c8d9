import { sealLicenseFile } from '../../protocol/licenseFile.ts';
import type { StoreTx } from '../store/Store.ts';
import type { CoreContext } from './CoreContext.ts';
import type { License } from './types.ts';

/**
 * Signs a LIC1 file for a license on one device, with a fresh nonce recorded as an issuance and
 * the license's next issue counter (TM-2),
 * so the file can be revoked when the license leaves the device (GW-3, GW-6) and a device
 * that installs each nonce once refuses a replayed copy.
 */
export async function issueLicenseFile(
  tx: StoreTx,
  ctx: CoreContext,
  args: { license: License; hardwareId: string; now: number },
): Promise<{ file: string; nonce: string }> {
  const { license, hardwareId, now } = args;
  // [TM-2] the issue counter: one more than the files issued for this license so far, anywhere.
  const issue = (await tx.issuances.listByLicense(license.id)).length + 1;
  // Drawn for this issuance by name, not next in one stream: the same whichever process of a
  // split fleet issues it and however many files other devices got first, and never twice.
  const nonce = ctx.nonces.fork(`${license.id}#${issue}`).hex(16);
  await tx.issuances.insert({ nonce, licenseId: license.id, hardwareId, issuedAt: now, revokedAt: null });
  const file = sealLicenseFile(
    {
      licenseId: license.id,
      hardwareId,
      featureCode: license.featureCode,
      count: license.count,
      start: license.start,
      end: license.end,
      transactionType: license.transactionType,
      kind: license.kind,
      nonce,
      issuedAt: now,
      issue,
    },
    ctx.vendorKey,
  );
  return { file, nonce };
}

/**
 * Takes a license off a device: unbinds it and revokes the files issued for it there.
 * Returns the revoked nonces.
 */
export async function detachLicense(
  tx: StoreTx,
  args: { license: License; hardwareId: string; now: number; to: string | null },
): Promise<string[]> {
  await tx.licenses.update({ ...args.license, hardwareId: args.to });
  return tx.issuances.revoke({ licenseId: args.license.id, hardwareId: args.hardwareId, at: args.now });
}
