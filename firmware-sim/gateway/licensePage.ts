import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import type { GatewayCore } from './GatewayCore.ts';
import { licenseRows, type LicenseRow } from './licenseRows.ts';

/**
 * [GW-4] The General / License page: an administrator adds, deletes and downloads license
 * files. [GW-5] Every change here alters only the installed set in NVRAM; the licenses in force
 * change at the next reset, and until then the rows and the device state show it as pending.
 */
export interface LicensePage {
  /** Installs a license file after the GW-2 checks (signature, hardware ID, replay). */
  add(fileText: string): Result<LicenseRow>;
  delete(licenseId: string): Result<{ licenseId: string }>;
  /** The installed file's text, so the admin can keep a copy. */
  download(licenseId: string): Result<string>;
  /** [GW-10] installed licenses, and those deleted but still in force until the next reset. */
  list(): Result<LicenseRow[]>;
}

export function listLicenses(core: GatewayCore): LicenseRow[] {
  return licenseRows({ installed: core.settings.installed(), effective: core.effective(), ...core.licenseTime() });
}

export function createLicensePage(core: GatewayCore): LicensePage {
  const rowOf = (licenseId: string): LicenseRow => listLicenses(core).find((r) => r.licenseId === licenseId)!;
  const badId = (op: string, licenseId: unknown) =>
    typeof licenseId === 'string' && licenseId !== '' ? undefined : fail(ErrorCode.BadRequest, `${op}: licenseId must be a non-empty string`, 'licenseId');

  return {
    add(fileText) {
      const refused = refuseUnlessRunning(core, 'License page add');
      if (refused) return refused;
      if (typeof fileText !== 'string' || fileText.trim() === '') {
        return fail(ErrorCode.BadRequest, 'License page add: paste the license file text (LIC1.…); got nothing', 'fileText');
      }
      // [GW-2] check before writing, so a foreign, forged or replayed file costs no NVRAM write.
      const checked = core.settings.check(fileText);
      if (!checked.ok) return checked;
      const changed = core.settings.changeLicenses({ add: [fileText] });
      if (!changed.ok) return changed;
      core.changed();
      return ok(rowOf(checked.value.licenseId));
    },

    delete(licenseId) {
      const refused = refuseUnlessRunning(core, 'License page delete') ?? badId('License page delete', licenseId);
      if (refused) return refused;
      if (!core.settings.installed().some((l) => l.payload.licenseId === licenseId)) {
        return fail(ErrorCode.NotFound, `License page delete: no license ${licenseId} is installed on ${core.board.id}`, 'licenseId');
      }
      const changed = core.settings.changeLicenses({ remove: [licenseId] });
      if (!changed.ok) return changed;
      core.changed();
      return ok({ licenseId });
    },

    download(licenseId) {
      const refused = refuseUnlessRunning(core, 'License page download') ?? badId('License page download', licenseId);
      if (refused) return refused;
      const license = core.settings.installed().find((l) => l.payload.licenseId === licenseId);
      if (!license) return fail(ErrorCode.NotFound, `License page download: no license ${licenseId} is installed on ${core.board.id}`, 'licenseId');
      return ok(license.file);
    },

    list() {
      return refuseUnlessRunning(core, 'License page list') ?? ok(listLicenses(core));
    },
  };
}
