import { ok, type Result } from '../../protocol/result.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import type { GatewayCore } from './GatewayCore.ts';
import type { ClockTamper } from '../shared/clockGuard.ts';
import { effectiveCounts, isGatewayFeature } from './licenseCounts.ts';
import { listLicenses } from './licensePage.ts';
import type { LicenseRow } from './licenseRows.ts';
import { grantsOf } from './pbxUsers.ts';
import { CHANNEL_FEATURE } from './gatewayChannels.ts';

/**
 * [GW-10] The troubleshooting views of the gateway vendor's licensing guide: General / License
 * lists the installed licenses; the Licenses tabs of Gateway / General and PBX / General show
 * each license type in force and how many are in use (channels for `Port`, granted users for
 * PBX features).
 */
export interface FeatureUsage {
  readonly featureCode: string;
  /** The amount in force now (test mode lifts the limit without changing this figure). */
  readonly installed: number;
  readonly inUse: number;
}

export interface Diagnostics {
  readonly installed: LicenseRow[];
  readonly gateway: FeatureUsage[];
  readonly pbx: FeatureUsage[];
  /** [GW-9] while on, every feature is unlimited whatever `installed` says. */
  readonly testMode: boolean;
  /** [TM-1] set while the device clock reads earlier than the latest time it has seen. */
  readonly clockTampered: ClockTamper | null;
}

export function diagnose(core: GatewayCore): Result<Diagnostics> {
  const refused = refuseUnlessRunning(core, 'diagnostics');
  if (refused) return refused;
  const time = core.licenseTime();
  const clockTampered = core.clockGuard.read().tampered;
  const counts = effectiveCounts(core.effective(), time.now, time.tampered);
  const image = core.settings.image();
  const codes = new Set([...counts.keys(), ...image.users.flatMap((u) => u.features)]);
  if (core.channelsInUse() > 0) codes.add(CHANNEL_FEATURE);
  const usage = (featureCode: string): FeatureUsage => ({
    featureCode,
    installed: counts.get(featureCode) ?? 0,
    inUse: isGatewayFeature(featureCode) ? core.channelsInUse() : grantsOf(image, featureCode),
  });
  const sorted = [...codes].sort();
  return ok({
    installed: listLicenses(core),
    gateway: sorted.filter(isGatewayFeature).map(usage),
    pbx: sorted.filter((c) => !isGatewayFeature(c)).map(usage),
    testMode: core.testModeOn(),
    clockTampered,
  });
}
