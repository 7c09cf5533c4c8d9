import type { LicensePayload } from '../../protocol/licenseFile.ts';
import type { InstalledLicense } from './gatewayImage.ts';

/**
 * How many of each feature the gateway may use right now. Pure functions of the licenses in
 * effect (loaded at the last boot, GW-5), the time (GW-8: a license counts only between its
 * start and end, so an expired test license stops counting without a reset) and test mode
 * (GW-9: no limits at all). `tampered` (TM-1): the device clock went back, so a license with an
 * end does not count, whatever the clock says, until the clock catches up again.
 */
export type LicenseTimeStatus = 'active' | 'expired' | 'not-yet-valid' | 'clock-tampered';

/** Feature codes counted on the Gateway tab (channels); every other code is a PBX license. */
export const GATEWAY_FEATURES: ReadonlySet<string> = new Set(['Port']);

export function isGatewayFeature(featureCode: string): boolean {
  return GATEWAY_FEATURES.has(featureCode);
}

export function timeStatus(payload: LicensePayload, now: number, tampered = false): LicenseTimeStatus {
  if (tampered && payload.end !== null) return 'clock-tampered';
  if (payload.end !== null && now >= payload.end) return 'expired';
  if (now < payload.start) return 'not-yet-valid';
  return 'active';
}

/** Licensed amount per feature code among licenses that count at `now`. */
export function effectiveCounts(effective: readonly InstalledLicense[], now: number, tampered = false): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { payload } of effective) {
    if (timeStatus(payload, now, tampered) !== 'active') continue;
    counts.set(payload.featureCode, (counts.get(payload.featureCode) ?? 0) + payload.count);
  }
  return counts;
}

/** How many of `featureCode` may be in use; Infinity while test mode is on. */
export function featureLimit(args: { effective: readonly InstalledLicense[]; now: number; tampered?: boolean; testMode: boolean; featureCode: string }): number {
  if (args.testMode) return Infinity;
  return effectiveCounts(args.effective, args.now, args.tampered).get(args.featureCode) ?? 0;
}
