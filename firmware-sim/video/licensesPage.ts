import type { ClockTamper } from '../shared/clockGuard.ts';
import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../protocol/result.ts';
import { entitlementsOf, installResponseCode } from './installResponse.ts';
import type { LicenseUpdate } from './updateLicense.ts';
import { outstandingRequest } from './requestCodes.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import { hostNameOf, licenseArgs, productFields, type VideoCore } from './VideoCore.ts';
import type { LicenseMode } from './videoImage.ts';

/**
 * [CL-1] The Licenses page (Admin > Server > Licenses on a Core, Licenses on a Manager), with
 * its License Product window (CL-4, CL-5) and Install License window (CL-7). Every operation
 * returns NOT_RUNNING while the product is off or booting.
 */
export interface LicensesPageView {
  name: string;
  hostName: string;
  mode: LicenseMode;
  autoRefresh: boolean;
  accessTokenSet: boolean;
  lastConnectionStatus: string | null;
  lastConnectionAt: number | null;
  /** Feature → count of the installed license. */
  entitlements: Record<string, number>;
  /** [TM-1] set while the device clock reads earlier than the latest time it has seen. */
  clockTampered: ClockTamper | null;
}

/** What License Product shows: the Request Code, and in restrictive mode everything to copy by hand. */
export type LicenseProductWindow =
  | { mode: 'standard'; requestCode: string }
  | { mode: 'restrictive'; name: string; type: string; version: string; requestCode: string; serial: string; hostName: string };

export const configurationSchema = z.object({
  /** Null or empty: use the host name. */
  name: z.string().max(64).refine((s) => !/\p{Cc}/u.test(s), 'no control characters').nullable().optional(),
  mode: z.enum(['standard', 'restrictive']).optional(),
  autoRefresh: z.boolean().optional(),
  /** Null or empty clears it. */
  accessToken: z.string().max(256).nullable().optional(),
}).strict();
export type Configuration = z.input<typeof configurationSchema>;

export interface LicensesPage {
  view(): Result<LicensesPageView>;
  /** Update Configuration (and the Access token field's Update): saves the settings given. */
  configure(change: Configuration): Result<LicensesPageView>;
  /** [CL-3] Update License, over the link to the portal. */
  updateLicense(): Promise<Result<LicenseUpdate>>;
  /** [CL-4, CL-5] License Product. */
  licenseProduct(): Result<LicenseProductWindow>;
  /** [CL-7] Install License > Process License Response Code. */
  processResponseCode(responseCode: string): Result<LicensesPageView>;
}

export function createLicensesPage(core: VideoCore, updateLicense: () => Promise<Result<LicenseUpdate>>): LicensesPage {
  const view = (): LicensesPageView => {
    const { settings, lastConnection, license } = core.settings.image();
    return {
      name: settings.name ?? hostNameOf(core.board),
      hostName: hostNameOf(core.board),
      mode: settings.mode,
      autoRefresh: settings.autoRefresh,
      accessTokenSet: settings.accessToken !== null,
      lastConnectionStatus: lastConnection?.status ?? null,
      lastConnectionAt: lastConnection?.at ?? null,
      entitlements: entitlementsOf(license, ...licenseArgs(core)),
      clockTampered: core.clockGuard.read().tampered,
    };
  };

  return {
    view() {
      return refuseUnlessRunning(core, 'Licenses page') ?? ok(view());
    },
    configure(change) {
      const refused = refuseUnlessRunning(core, 'Update Configuration');
      if (refused) return refused;
      const parsed = parseValue(change, configurationSchema, 'Update Configuration');
      if (!parsed.ok) return parsed;
      const { name, mode, autoRefresh, accessToken } = parsed.value;
      const saved = core.settings.update((image) => ({
        ...image,
        settings: {
          name: name === undefined ? image.settings.name : name?.trim() || null,
          mode: mode ?? image.settings.mode,
          autoRefresh: autoRefresh ?? image.settings.autoRefresh,
          accessToken: accessToken === undefined ? image.settings.accessToken : accessToken?.trim() || null,
        },
      }));
      if (!saved.ok) return saved;
      core.settingsChanged();
      core.changed();
      return ok(view());
    },
    async updateLicense() {
      return refuseUnlessRunning(core, 'Update License') ?? updateLicense();
    },
    licenseProduct() {
      const refused = refuseUnlessRunning(core, 'License Product');
      if (refused) return refused;
      const request = outstandingRequest(core);
      if (!request.ok) return request;
      const mode = core.settings.image().settings.mode;
      return ok(mode === 'standard'
        ? { mode, requestCode: request.value.code }
        : { mode, ...productFields(core), requestCode: request.value.code });
    },
    processResponseCode(responseCode) {
      const refused = refuseUnlessRunning(core, 'Process License Response Code');
      if (refused) return refused;
      const installed = installResponseCode(core, responseCode);
      return installed.ok ? ok(view()) : installed;
    },
  };
}
