import { describeSmartServerLicense, SS_CAPACITY, SS_MAINTENANCE } from '../../protocol/messages/smartserver.ts';
import type { InstalledLicense } from './smartserverImage.ts';

/**
 * The Manage Licenses dialog and what it adds up to, as pure functions of the installed
 * licenses and the time: the device capacity that bounds provisioning (SS-7) and the state of
 * maintenance. Capacity licenses normally have no end; one that has ended stops counting.
 * `tampered` (TM-1): the server clock went back, so a license with an end does not count until
 * the clock catches up again.
 */
export type LicenseTimeStatus = 'active' | 'expired' | 'clock-tampered';
export type MaintenanceStatus = 'none' | 'active' | 'expired' | 'clock-tampered';

/** One row of Manage Licenses. */
export interface ManagedLicense extends InstalledLicense {
  description: string;
  status: LicenseTimeStatus;
}

export interface Maintenance {
  status: MaintenanceStatus;
  /** The latest end among maintenance licenses; null with none installed. */
  until: number | null;
}

export function timeStatus(license: Pick<InstalledLicense, 'end'>, now: number, tampered = false): LicenseTimeStatus {
  if (tampered && license.end !== null) return 'clock-tampered';
  return license.end !== null && now >= license.end ? 'expired' : 'active';
}

export function managedLicenses(licenses: readonly InstalledLicense[], now: number, tampered = false): ManagedLicense[] {
  return licenses.map((l) => ({ ...l, description: describeSmartServerLicense(l), status: timeStatus(l, now, tampered) }));
}

/** How many field devices may be provisioned: the sum of the device-capacity licenses in force. */
export function deviceCapacity(licenses: readonly InstalledLicense[], now: number, tampered = false): number {
  return licenses.filter((l) => l.featureCode === SS_CAPACITY && timeStatus(l, now, tampered) === 'active').reduce((n, l) => n + l.count, 0);
}

/** Active while any maintenance license runs; expired once the last one has ended. */
export function maintenance(licenses: readonly InstalledLicense[], now: number, tampered = false): Maintenance {
  const terms = licenses.filter((l) => l.featureCode === SS_MAINTENANCE);
  if (terms.length === 0) return { status: 'none', until: null };
  if (terms.some((l) => l.end === null)) return { status: 'active', until: null };
  const until = Math.max(...terms.map((l) => l.end!));
  if (tampered) return { status: 'clock-tampered', until };
  return { status: now < until ? 'active' : 'expired', until };
}

/** The next moment a license starts or stops counting, after `now`; undefined if none will. */
export function nextLicenseEdge(licenses: readonly InstalledLicense[], now: number): number | undefined {
  const ends = licenses.flatMap((l) => (l.end !== null && l.end > now ? [l.end] : []));
  return ends.length > 0 ? Math.min(...ends) : undefined;
}
