import { fail, ok, type Result } from '../../core/result.ts';
import { addDuration } from '../../../emulator/clock/duration.ts';
import { licenseStatus } from '../../core/licenseStatus.ts';
import { LicenseStatus, type License } from '../../core/types.ts';
import type { StoreTx } from '../../store/Store.ts';
import { DEFAULT_TERMS, audioProduct } from './audioProducts.ts';
import { renewalOf, termInForce } from './audioTerms.ts';

/**
 * [PC-8] Gives licenses just activated from a key the terms their transaction type sets: a
 * Trial or New without a term of its own gets the default one; a Renewal starts when the
 * Expiring Shortly term it renews ends (so it is Impending until then, PC-4); an Addon ends
 * with the New or Renewal term in force. Addons are settled last, so a key that bundles a New
 * license and its Addon activates both. Licenses of other products pass through unchanged.
 * Codes: `NO_BASE_LICENSE`, `NOT_RENEWABLE`.
 */
export async function settleTerms(tx: StoreTx, args: { activated: readonly License[]; accountId: string; now: number }): Promise<Result<License[]>> {
  const { now } = args;
  const licenses = await tx.licenses.listByAccount(args.accountId);
  const settled = new Map<string, License>();
  const addonsLast = [...args.activated].sort((a, b) => Number(a.transactionType === 'Addon') - Number(b.transactionType === 'Addon'));
  for (const license of addonsLast) {
    const others = licenses.filter((l) => l.id !== license.id);
    const next = audioProduct(license.featureCode) ? settleTerm(license, others, now) : ok(license);
    if (!next.ok) return next;
    if (next.value !== license) await tx.licenses.update(next.value);
    licenses.splice(licenses.findIndex((l) => l.id === license.id), 1, next.value);
    settled.set(license.id, next.value);
  }
  return ok(args.activated.map((l) => settled.get(l.id)!));
}

function settleTerm(license: License, others: readonly License[], now: number): Result<License> {
  const { featureCode } = license;
  // The term from `start`: the default one in calendar terms, or the order's own, as long as it was
  // from its activation (a Renewal's own term keeps its length when moved to the end it renews).
  const termEnd = (type: keyof typeof DEFAULT_TERMS, start: number): number =>
    license.end === null ? addDuration(start, DEFAULT_TERMS[type]) : start + (license.end - license.start);
  switch (license.transactionType) {
    case 'Trial':
    case 'New':
      return ok(license.end === null ? { ...license, end: termEnd(license.transactionType, license.start) } : license);
    case 'Renewal': {
      const renewed = others.find((l) => (l.transactionType === 'New' || l.transactionType === 'Renewal') && l.featureCode === featureCode
        && licenseStatus(l, now) === LicenseStatus.ExpiringShortly && renewalOf(l, others) === undefined);
      if (!renewed || renewed.end === null) {
        return fail('NOT_RENEWABLE', `a ${featureCode} Renewal follows a New or Renewal license in Expiring Shortly that is not renewed yet; account ${license.accountId} has none`, 'activationKey');
      }
      return ok({ ...license, start: renewed.end, end: termEnd('Renewal', renewed.end) });
    }
    case 'Addon': {
      const term = termInForce(others, featureCode, now);
      if (!term) {
        return fail('NO_BASE_LICENSE', `an Addon raises a ${featureCode} New or Renewal license during its term; account ${license.accountId} has none in force`, 'activationKey');
      }
      return ok({ ...license, end: term.end });
    }
  }
}
