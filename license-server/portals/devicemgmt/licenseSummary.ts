import type { ManagedUsage } from '../../../protocol/messages/audio.ts';
import { ok, type Result } from '../../../protocol/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { readStore } from '../../core/runOperation.ts';
import { LicenseStatus } from '../../core/types.ts';
import { countByKind } from './pdmsDevices.ts';
import { pdmsViews, readPdmsAccount } from './pdmsLicenseView.ts';
import { pdmsProducts } from './pdmsProducts.ts';
import type { PortalActor } from './pdmsUsers.ts';
import { managedBound } from './pdmsTerms.ts';

/** [PC-2] The counts above the Licenses list, and [PC-7] each product's managed devices. */
export interface PdmsSummary {
  total: number;
  active: number;
  expiringShortly: number;
  impending: number;
  inactive: number;
  /** Feature code → devices managed against the bound in force now. */
  managedDevices: Record<string, ManagedUsage>;
}

export async function licenseSummary(ctx: CoreContext, actor: PortalActor): Promise<Result<PdmsSummary>> {
  return readStore(ctx, async (tx, now) => {
    const account = await readPdmsAccount(tx, actor.accountId);
    const statuses = pdmsViews(account, now).map((v) => v.status);
    const count = (status: LicenseStatus): number => statuses.filter((s) => s === status).length;
    const managedDevices = Object.fromEntries(pdmsProducts.map((p) => [p.featureCode, {
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
