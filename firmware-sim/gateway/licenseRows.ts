import type { LicensePayload } from '../../protocol/licenseFile.ts';
import type { InstalledLicense } from './gatewayImage.ts';
import { timeStatus, type LicenseTimeStatus } from './licenseCounts.ts';

/**
 * One line of the License page (GW-4, GW-10). `status` is about time (GW-8: a test license
 * shows `expired` once its three months are over); `pending` is about GW-5: `install` means
 * installed but not in force until the next reset, `removal` deleted but in force until then.
 */
export type PendingChange = 'none' | 'install' | 'removal';

export interface LicenseRow {
  readonly licenseId: string;
  readonly featureCode: string;
  readonly count: number;
  readonly kind: LicensePayload['kind'];
  readonly transactionType: LicensePayload['transactionType'];
  readonly start: number;
  readonly end: number | null;
  readonly status: LicenseTimeStatus;
  readonly pending: PendingChange;
}

export function licenseRows(args: { installed: readonly InstalledLicense[]; effective: readonly InstalledLicense[]; now: number; tampered?: boolean }): LicenseRow[] {
  const { installed, effective, now, tampered } = args;
  const idsOf = (list: readonly InstalledLicense[]) => new Set(list.map((l) => l.payload.licenseId));
  const inForce = idsOf(effective);
  const stored = idsOf(installed);
  const row = ({ payload }: InstalledLicense, pending: PendingChange): LicenseRow => ({
    licenseId: payload.licenseId,
    featureCode: payload.featureCode,
    count: payload.count,
    kind: payload.kind,
    transactionType: payload.transactionType,
    start: payload.start,
    end: payload.end,
    status: timeStatus(payload, now, tampered),
    pending,
  });
  return [
    ...installed.map((l) => row(l, inForce.has(l.payload.licenseId) ? 'none' : 'install')),
    ...effective.filter((l) => !stored.has(l.payload.licenseId)).map((l) => row(l, 'removal')),
  ];
}

/** [GW-5] what a reset would change, by license ID. */
export function pendingChanges(rows: readonly LicenseRow[]): { install: string[]; removal: string[] } {
  return {
    install: rows.filter((r) => r.pending === 'install').map((r) => r.licenseId),
    removal: rows.filter((r) => r.pending === 'removal').map((r) => r.licenseId),
  };
}
