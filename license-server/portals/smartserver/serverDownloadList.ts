import { z } from 'zod';
import { customerIdSchema, DOWNLOAD_PAGE_ROWS, installCodeSchema, smartServerFeatures, type CloudLicense } from '../../../protocol/messages/smartserver.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ErrorCode } from '../../../protocol/errorCodes.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { findCustomer, readLicenseData, toCloudLicense } from './smartserverRecords.ts';

export const serverDownloadListInput = z.object({ customerId: customerIdSchema, installCode: installCodeSchema, after: z.string().min(1).max(128).optional() }).strict();
export type ServerDownloadListInput = z.input<typeof serverDownloadListInput>;

/**
 * SS-4, device side: the licenses held for the Customer ID that this server may activate —
 * those in the cloud, and those already bound to its install code (an activation whose reply
 * was lost, or that a reboot cut short, so the server can finish it). Licenses activated on
 * other servers are not listed. The server leaves out the ones it has installed.
 *
 * A page at a time, in license-ID order after `after`: a customer who bought for a thousand
 * servers has a list no single frame holds.
 */
export interface DownloadPage {
  licenses: CloudLicense[];
  /** The `after` of the next page; null on the last. */
  next: string | null;
}

export async function serverDownloadList(ctx: CoreContext, input: ServerDownloadListInput): Promise<Result<DownloadPage>> {
  const parsed = parseValue(input, serverDownloadListInput, 'download list');
  if (!parsed.ok) return parsed;
  const { customerId, installCode, after } = parsed.value;
  return readStore(ctx, async (tx) => {
    const customer = await findCustomer(tx, customerId);
    if (!customer.ok) return customer;
    // In the order the licenses were assigned, a page read from the store at a time. `after`
    // is found among all the customer's licenses: it stays there even if another server
    // activated it meanwhile.
    if (after !== undefined && (await tx.licenses.get(after))?.accountId !== customerId) {
      return fail(ErrorCode.BadRequest, `download list: license ${after} is not one of the customer's`, 'after');
    }
    const read = await tx.licenses.pageForHardware({ accountId: customerId, featureCodes: smartServerFeatures, hardwareId: installCode, ...(after === undefined ? {} : { after }), limit: DOWNLOAD_PAGE_ROWS + 1 });
    const page = read.slice(0, DOWNLOAD_PAGE_ROWS);
    const next = read.length > page.length ? page.at(-1)!.id : null;
    const licenses: CloudLicense[] = [];
    for (const license of page) licenses.push(toCloudLicense(license, await readLicenseData(tx, license)));
    return ok({ licenses, next });
  });
}
