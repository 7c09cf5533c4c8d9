import type { ManagedUsage } from '../../../protocol/messages/audio.ts';
import { licenseStatus } from '../../core/licenseStatus.ts';
import { LicenseStatus, type License, type TransactionType } from '../../core/types.ts';
import type { StoreTx } from '../../store/Store.ts';
import { countByKind, listDevices, type ManagedDevice } from './managedDevices.ts';
import { MANAGED_DEVICE, audioProduct } from './audioProducts.ts';
import { inForce, managedBound, renewalOf } from './audioTerms.ts';

/** [PC-3] One row of the Licenses list, with every field the vendor document names. */
export interface AudioLicenseView {
  /** License ID: the activation key it was activated with (one key may bundle several). */
  licenseId: string;
  /** The license record's own ID, which tells apart licenses that share a key. */
  recordId: string;
  featureCode: string;
  /** The licensed product's name. */
  description: string;
  type: typeof MANAGED_DEVICE;
  transactionType: TransactionType;
  /** Epoch ms; on the injected clock. */
  startTime: number;
  endTime: number | null;
  /** How many devices this license itself adds to the bound. */
  count: number;
  /**
   * Devices managed against the bound. In force: enrolled devices of the product's kind against
   * the bound of every license in force; otherwise 0 against what this license would allow.
   */
  usage: ManagedUsage;
  /** PC-4, derived from the term and the clock, never stored. */
  status: LicenseStatus;
  /** [PC-6] The record ID of the Renewal that follows this term, once renewed. */
  renewedBy: string | null;
  /** [PC-6] Shown in red: Expiring Shortly and not yet renewed — "please renew your contract". */
  red: boolean;
}

/** An account's licenses and enrolled devices, read once per request. */
export interface AudioAccount {
  accountId: string;
  /** Every license the account holds, of any portal, in activation order. */
  licenses: License[];
  devices: ManagedDevice[];
}

export async function readAudioAccount(tx: StoreTx, accountId: string): Promise<AudioAccount> {
  return { accountId, licenses: await tx.licenses.listByAccount(accountId), devices: await listDevices(tx, accountId) };
}

/** The account's device-management licenses (those of an `audioProducts` entry), as the list shows them. */
export function audioViews(account: AudioAccount, now: number): AudioLicenseView[] {
  return account.licenses.filter((l) => audioProduct(l.featureCode)).map((l) => toAudioLicenseView(l, account, now));
}

export function toAudioLicenseView(license: License, account: AudioAccount, now: number): AudioLicenseView {
  const product = audioProduct(license.featureCode)!;
  const status = licenseStatus(license, now);
  const renewal = renewalOf(license, account.licenses);
  const usage = inForce(license, now)
    ? { used: countByKind(account.devices, product.deviceKind), allowed: managedBound(account.licenses, license.featureCode, now) }
    : { used: 0, allowed: license.count };
  return {
    licenseId: license.activationKey ?? license.id,
    recordId: license.id,
    featureCode: license.featureCode,
    description: product.description,
    type: product.type,
    transactionType: license.transactionType,
    startTime: license.start,
    endTime: license.end,
    count: license.count,
    usage,
    status,
    renewedBy: renewal?.id ?? null,
    red: status === LicenseStatus.ExpiringShortly && renewal === undefined,
  };
}
