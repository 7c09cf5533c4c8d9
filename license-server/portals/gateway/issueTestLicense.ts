import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Failure, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { hardwareIdSchema } from '../../core/fields.ts';
import { issueLicenseFile } from '../../core/licenseFiles.ts';
import { TEST_LICENSE_FEATURE, TEST_LICENSE_TERM } from '../../core/licenseTerms.ts';
import { addDuration } from '../../../emulator/clock/duration.ts';
import { runOperation, type OperationScope } from '../../core/runOperation.ts';
import type { License } from '../../core/types.ts';
import { findTestLicenseGrant, insertTestLicenseGrant } from './gatewayRecords.ts';

export const issueTestLicenseInput = z.object({ hardwareId: hardwareIdSchema }).strict();
export type IssueTestLicenseInput = z.input<typeof issueTestLicenseInput>;

const alreadyIssued = (hardwareId: string, since?: number): Failure => ({
  code: 'TEST_LICENSE_ALREADY_ISSUED',
  message: `hardware ID ${hardwareId} already had its test license${since === undefined ? '' : ` (first downloaded ${new Date(since).toISOString()})`}; a device gets only one`,
  where: 'hardwareId',
});

/**
 * GW-8: the one test license a device may ever get, valid three months from this, its first
 * download; returns the signed file. A second request is refused — by the check here and, for
 * two racing requests, by the store's unique rule on the grant record.
 */
export async function issueTestLicense(ctx: CoreContext, input: IssueTestLicenseInput): Promise<Result<string>> {
  const parsed = parseValue(input, issueTestLicenseInput, 'test license');
  if (!parsed.ok) return parsed;
  const { hardwareId } = parsed.value;
  const info = { actor: `device:${hardwareId}`, action: 'testLicense.issue', subject: hardwareId };
  const work = async ({ tx, now, audit }: OperationScope): Promise<Result<string>> => {
    const earlier = await findTestLicenseGrant(tx, hardwareId);
    if (earlier) return { ok: false, error: alreadyIssued(hardwareId, earlier.firstDownloadAt) };
    const license: License = {
      // A device's one test license: its ID drawn by the device's name, whichever process issues it.
      id: ctx.ids.fork(`test-license/${hardwareId}`).uuid(),
      accountId: null,
      orderId: null,
      activationKey: null,
      featureCode: TEST_LICENSE_FEATURE,
      count: 1,
      transactionType: 'Trial',
      kind: 'test',
      start: now,
      end: addDuration(now, TEST_LICENSE_TERM),
      hardwareId,
      createdAt: now,
    };
    await tx.licenses.insert(license);
    await insertTestLicenseGrant(tx, { hardwareId, licenseId: license.id, firstDownloadAt: now });
    const { file, nonce } = await issueLicenseFile(tx, ctx, { license, hardwareId, now });
    await audit({ licenseId: license.id, end: license.end, nonce });
    return ok(file);
  };
  // Two requests racing: the second meets the first's license (its ID is the device's) or its grant.
  return runOperation(ctx, info, work, { conflicts: { licenses: () => alreadyIssued(hardwareId), facet_records: () => alreadyIssued(hardwareId) } });
}
