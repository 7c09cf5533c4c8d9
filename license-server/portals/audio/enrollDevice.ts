import { z } from 'zod';
import { audioOps, audioProofSubject, managedDeviceKinds, type ManagedUsage } from '../../../protocol/messages/audio.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { runOperation } from '../../core/runOperation.ts';
import { deviceIdentityFields, verifyDevice } from '../../core/deviceIdentity.ts';
import { countByKind, readDevice, writeDevice } from './managedDevices.ts';
import { readAudioAccount } from './audioLicenseView.ts';
import { productForDevice } from './audioProducts.ts';
import { managedBound } from './audioTerms.ts';
import { tokenMatches } from './provisioningToken.ts';

export const enrollDeviceInput = z.object({
  ...deviceIdentityFields,
  accountId: accountIdSchema,
  provisioningToken: z.string().min(1).max(128),
  deviceKind: z.enum(managedDeviceKinds),
}).strict();
export type EnrollDeviceInput = z.input<typeof enrollDeviceInput>;

export interface Enrolment {
  accountId: string;
  enrolledAt: number;
  usage: ManagedUsage;
}

const OP = audioOps.enroll.op;

/**
 * [PC-7] A managed device enrols with an account: it proves who it is with its certificate and
 * the account with its provisioning token. The account's Managed Device licenses in force bound
 * how many devices of the kind it may have; one more is refused. Enrolling again where the
 * device already is changes nothing. Devices enrolled stay enrolled when the bound later drops
 * (a license ends); only new enrolments are refused. Codes: `CERTIFICATE_INVALID`,
 * `PROOF_INVALID`, `PROVISIONING_TOKEN_INVALID`, `DEVICE_ENROLLED_ELSEWHERE`, `MANAGED_DEVICE_LIMIT`.
 */
export async function enrollDevice(ctx: CoreContext, input: EnrollDeviceInput): Promise<Result<Enrolment>> {
  const parsed = parseValue(input, enrollDeviceInput, OP);
  if (!parsed.ok) return parsed;
  const { hardwareId, accountId, provisioningToken, deviceKind } = parsed.value;
  const info = { actor: `device:${hardwareId}`, action: OP, subject: accountId };
  const verified = await verifyDevice(ctx, { ...parsed.value, op: OP, subject: audioProofSubject(OP, parsed.value) });
  if (!verified.ok) return runOperation(ctx, info, async () => verified);
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    if (!(await tokenMatches(tx, accountId, provisioningToken))) {
      return fail('PROVISIONING_TOKEN_INVALID', `the provisioning token is not account ${accountId}'s`, 'provisioningToken');
    }
    // Locks the account row, so concurrent enrolments on PostgreSQL check the bound one at a time.
    await tx.accounts.get(accountId, { forUpdate: true });
    const existing = await readDevice(tx, hardwareId, { forUpdate: true });
    if (existing && existing.accountId !== accountId) {
      return fail('DEVICE_ENROLLED_ELSEWHERE', `hardware ID ${hardwareId} is enrolled with another account; unenrol it there first`, 'accountId');
    }
    const product = productForDevice(deviceKind)!;
    const account = await readAudioAccount(tx, accountId);
    const allowed = managedBound(account.licenses, product.featureCode, now);
    const used = countByKind(account.devices, deviceKind);
    if (existing) {
      await writeDevice(tx, { ...existing, lastSeenAt: now }, now);
      return ok({ accountId, enrolledAt: existing.enrolledAt, usage: { used, allowed } });
    }
    if (used >= allowed) {
      const bound = allowed === 0 ? `no ${product.featureCode} license is in force` : `its ${product.featureCode} licenses in force allow ${allowed}`;
      return fail('MANAGED_DEVICE_LIMIT', `account ${accountId} manages ${used} ${deviceKind} device(s) and ${bound}; an Addon raises the bound`);
    }
    await writeDevice(tx, { hardwareId, accountId, deviceKind, serialNumber: verified.value.serialNumber, enrolledAt: now, lastSeenAt: now }, now);
    await audit({ deviceKind, serialNumber: verified.value.serialNumber, used: used + 1, allowed });
    return ok({ accountId, enrolledAt: now, usage: { used: used + 1, allowed } });
  });
}
