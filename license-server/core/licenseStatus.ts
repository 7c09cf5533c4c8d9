import { LicenseStatus, type License, type LicenseView } from './types.ts';
import { DAY_MS, EXPIRING_SHORTLY_DAYS } from './licenseTerms.ts';

/**
 * PC-4: a license's status is never stored, only derived from its term and the clock —
 * Impending before the start, Inactive from the end on, Expiring Shortly with less than 31
 * days left, Active otherwise (perpetual licenses stay Active).
 */
export function licenseStatus(license: Pick<License, 'start' | 'end'>, now: number): LicenseStatus {
  if (now < license.start) return LicenseStatus.Impending;
  if (license.end === null) return LicenseStatus.Active;
  if (now >= license.end) return LicenseStatus.Inactive;
  if (license.end - now < EXPIRING_SHORTLY_DAYS * DAY_MS) return LicenseStatus.ExpiringShortly;
  return LicenseStatus.Active;
}

export function toLicenseView(license: License, now: number): LicenseView {
  return { ...license, status: licenseStatus(license, now) };
}
