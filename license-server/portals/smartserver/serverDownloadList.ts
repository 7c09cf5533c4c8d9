import { z } from 'zod';
import { customerIdSchema, installCodeSchema, type CloudLicense } from '../../../protocol/messages/smartserver.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { customerLicenses, findCustomer, readLicenseData, toCloudLicense } from './smartserverRecords.ts';

export const serverDownloadListInput = z.object({ customerId: customerIdSchema, installCode: installCodeSchema }).strict();
export type ServerDownloadListInput = z.input<typeof serverDownloadListInput>;

/**
 * SS-4, device side: the licenses held for the Customer ID that this server may activate —
 * those in the cloud, and those already bound to its install code (an activation whose reply
 * was lost, or that a reboot cut short, so the server can finish it). Licenses activated on
 * other servers are not listed. The server leaves out the ones it has installed.
 */
export async function serverDownloadList(ctx: CoreContext, input: ServerDownloadListInput): Promise<Result<CloudLicense[]>> {
  const parsed = parseValue(input, serverDownloadListInput, 'download list');
  if (!parsed.ok) return parsed;
  const { customerId, installCode } = parsed.value;
  return readStore(ctx, async (tx) => {
    const customer = await findCustomer(tx, customerId);
    if (!customer.ok) return customer;
    const rows: CloudLicense[] = [];
    for (const license of await customerLicenses(tx, customerId)) {
      if (license.hardwareId === null || license.hardwareId === installCode) rows.push(toCloudLicense(license, await readLicenseData(tx, license)));
    }
    return ok(rows);
  });
}
