import { licenseStatus } from '../../core/licenseStatus.ts';
import { LicenseStatus, type License } from '../../core/types.ts';

/**
 * The term rules of Managed Device licenses, as pure functions of an account's licenses and
 * the clock (PC-6, PC-7, PC-8). Nothing here is stored: an Addon belongs to the term it ends
 * with, and a term's renewal is the Renewal license that starts when it ends.
 */

/** Between its start and its end: the license counts toward the bound now. */
export function inForce(license: License, now: number): boolean {
  const status = licenseStatus(license, now);
  return status === LicenseStatus.Active || status === LicenseStatus.ExpiringShortly;
}

const isTerm = (l: License): boolean => l.transactionType === 'New' || l.transactionType === 'Renewal';

/**
 * [PC-7] How many devices the feature's licenses allow now: the sum of the counts of its
 * licenses in force — a New or Renewal, the Addons of its term, and a Trial.
 */
export function managedBound(licenses: readonly License[], featureCode: string, now: number): number {
  return licenses.filter((l) => l.featureCode === featureCode && inForce(l, now)).reduce((sum, l) => sum + l.count, 0);
}

/**
 * [PC-8] The New or Renewal license an Addon activated now adds to: the one in force that ends
 * last (an Addon bought during a term ends with that term).
 */
export function termInForce(licenses: readonly License[], featureCode: string, now: number): License | undefined {
  return licenses
    .filter((l) => l.featureCode === featureCode && isTerm(l) && inForce(l, now))
    .reduce<License | undefined>((last, l) => (last === undefined || (l.end ?? Infinity) > (last.end ?? Infinity) ? l : last), undefined);
}

/** [PC-6] The Addons of a term: those of its feature that started within it and end with it. */
export function addonsOf(term: License, licenses: readonly License[]): License[] {
  return licenses.filter((l) => l.transactionType === 'Addon' && l.featureCode === term.featureCode
    && l.accountId === term.accountId && l.start >= term.start && l.end === term.end && l.id !== term.id);
}

/** [PC-6] The Renewal that follows a term: same feature and account, starting when it ends. */
export function renewalOf(term: License, licenses: readonly License[]): License | undefined {
  if (term.end === null) return undefined;
  return licenses.find((l) => l.transactionType === 'Renewal' && l.featureCode === term.featureCode
    && l.accountId === term.accountId && l.start === term.end && l.id !== term.id);
}

/**
 * [PC-6] Why a license cannot be renewed now, or undefined when it can: it must be a New or
 * Renewal license, in Expiring Shortly, and not renewed already.
 */
export function whyNotRenewable(license: License, licenses: readonly License[], now: number): string | undefined {
  const status = licenseStatus(license, now);
  if (!isTerm(license)) {
    return license.transactionType === 'Addon'
      ? `it is an Addon (${status}), which ends with its term; renew the New or Renewal license it adds to, and the Addon is rolled into the Renewal`
      : `it is a Trial (${status}), which is not renewed; order a New license instead`;
  }
  if (status !== LicenseStatus.ExpiringShortly) {
    return `it is ${status}; only licenses in Expiring Shortly (less than 31 days left) can be renewed`;
  }
  const renewal = renewalOf(license, licenses);
  if (renewal) return `it was renewed already by license ${renewal.activationKey ?? renewal.id}, which starts when it ends`;
  return undefined;
}
