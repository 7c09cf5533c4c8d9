import { z } from 'zod';
import { checkRequestFor, readRequestCode } from '../../../protocol/codes/requestCode.ts';
import { customerIdSchema, installCodeSchema, SS_CAPACITY } from '../../../protocol/messages/smartserver.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { sealResponseCode, type Grant } from '../../../protocol/responseCode.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { licenseIdSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { claimForServer } from './activateForServer.ts';
import { distinctIds, findCustomer } from './smartserverRecords.ts';

export const SMARTSERVER_RESPONSE_FAMILY = 'smartserver';

export const offlineActivateInput = z.object({
  customerId: customerIdSchema,
  /** As shown in the server's Manage Customer Accounts view; the request code must be this server's. */
  installCode: installCodeSchema,
  /** As typed from the server's screen: dashes, spaces and lower case are fine. */
  requestCode: z.string().min(1).max(64),
  licenseIds: z.array(licenseIdSchema).min(1).max(256),
}).strict();
export type OfflineActivateInput = z.input<typeof offlineActivateInput>;

export interface OfflineActivation {
  /** RSP1 code to enter on the server. */
  responseCode: string;
  licenseIds: string[];
}

/**
 * SS-8, customer portal: offline capacity activation for a server without internet. The
 * customer brings the server's request code and install code; the portal binds the selected
 * device-capacity licenses to that install code (as an online activation would, so no other
 * server can take them) and answers with a response code signed by the vendor key, bound to
 * the request's fingerprint and nonce. Codes: `CODE_INVALID` (naming the mistyped position),
 * `CODE_FOREIGN` (the request code is not that install code's), `LICENSE_WRONG_FAMILY` (only
 * capacity licenses go offline), and those of online activation.
 */
export async function offlineActivate(ctx: CoreContext, input: OfflineActivateInput): Promise<Result<OfflineActivation>> {
  const parsed = parseValue(input, offlineActivateInput, 'offline activation');
  if (!parsed.ok) return parsed;
  const { customerId, installCode } = parsed.value;
  const read = readRequestCode(parsed.value.requestCode);
  if (!read.ok) return { ok: false, error: { ...read.error, where: 'requestCode' } };
  const request = checkRequestFor(read.value, installCode);
  if (!request.ok) return fail(request.error.code, `request code ${read.value.code} was not made by the SmartServer with install code ${installCode}`, 'requestCode');
  const ids = distinctIds(parsed.value.licenseIds);
  if (!ids.ok) return ids;

  const info = { actor: `account:${customerId}`, action: 'smartserver.license.offlineActivate', subject: installCode };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const customer = await findCustomer(tx, customerId);
    if (!customer.ok) return customer;
    const grants: Grant[] = [];
    for (const licenseId of ids.value) {
      const claimed = await claimForServer(tx, { licenseId, customerId, installCode, now });
      if (!claimed.ok) return claimed;
      const license = claimed.value;
      if (license.featureCode !== SS_CAPACITY) {
        return fail(ErrorCode.LicenseWrongFamily, `license ${licenseId} is a ${license.featureCode} license; offline activation takes device-capacity licenses only`, 'licenseIds');
      }
      grants.push({ licenseId, featureCode: license.featureCode, count: license.count, end: license.end });
    }
    const responseCode = sealResponseCode(
      { family: SMARTSERVER_RESPONSE_FAMILY, fingerprint: request.value.fingerprint, requestNonce: request.value.nonce, issuedAt: now, grants },
      ctx.vendorKey,
    );
    await audit({ customerId, licenseIds: ids.value, requestCode: request.value.code });
    return ok({ responseCode, licenseIds: [...ids.value] });
  });
}
