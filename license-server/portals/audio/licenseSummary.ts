import type { ManagedUsage } from '../../../protocol/messages/audio.ts';
import { ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { LicenseStatus } from '../../core/types.ts';
import { countByKind } from './managedDevices.ts';
import { audioViews, readAudioAccount } from './audioLicenseView.ts';
import { audioProducts } from './audioProducts.ts';
import type { PortalActor } from './portalUsers.ts';
import { managedBound } from './audioTerms.ts';

/** [PC-2] The counts above the Licenses list, and [PC-7] each product's managed devices. */
export interface AudioSummary {
  total: number;
  active: number;
  expiringShortly: number;
  impending: number;
  inactive: number;
  /** Feature code → devices managed against the bound in force now. */
  managedDevices: Record<string, ManagedUsage>;
}

export async function licenseSummary(ctx: CoreContext, actor: PortalActor): Promise<Result<AudioSummary>> {
  return readStore(ctx, async (tx, now) => {
    const account = await readAudioAccount(tx, actor.accountId);
    const statuses = audioViews(account, now).map((v) => v.status);
    const count = (status: LicenseStatus): number => statuses.filter((s) => s === status).length;
    const managedDevices = Object.fromEntries(audioProducts.map((p) => [p.featureCode, {
      used: countByKind(account.devices, p.deviceKind),
      allowed: managedBound(account.licenses, p.featureCode, now),
    }]));
    return ok({
      total: statuses.length,
      active: count(LicenseStatus.Active),
      expiringShortly: count(LicenseStatus.ExpiringShortly),
      impending: count(LicenseStatus.Impending),
      inactive: count(LicenseStatus.Inactive),
      managedDevices,
    });
  });
}
