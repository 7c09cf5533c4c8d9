import type { Clock } from '../../emulator/clock/Clock.ts';
import type { Nvram } from '../../emulator/nvram/Nvram.ts';
import { openLicenseFile, type LicensePayload } from '../../protocol/licenseFile.ts';
import { fail, ok, type Failure, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { createSettingsStore, type SettingsStore } from '../shared/settingsStore.ts';
import { blankGatewayImage, gatewayImageSchema, type GatewayImage, type InstalledLicense } from './gatewayImage.ts';

/**
 * The gateway's settings (its NVRAM image held in RAM, as every family keeps them) with the
 * license rules on top: a file is installed only if GW-2's checks pass, and each change is one
 * commit, so a power cut leaves it either fully done or not done at all. `update` commits any
 * other change to the image (PBX users, templates).
 */
export interface LicenseStore extends SettingsStore<GatewayImage> {
  installed(): readonly InstalledLicense[];
  /** A file's signature and hardware binding checked and its payload read: once per file text, however often it is asked. */
  open(fileText: string): Result<LicensePayload>;
  /** GW-2, TM-2: signature, hardware binding, replay and older-issuance checks, without installing. */
  check(fileText: string): Result<LicensePayload>;
  /**
   * Removes and installs licenses in one commit. Files that fail `check` are left out and
   * reported; the rest is committed (nothing is written when nothing changes).
   */
  changeLicenses(change: { add?: readonly string[]; remove?: readonly string[] }): Result<LicenseChange>;
}

export interface LicenseChange {
  added: InstalledLicense[];
  removed: string[];
  refused: { file: string; error: Failure }[];
}

/** Files whose signature check is remembered: more than one download brings. */
const VERIFIED_FILES_KEPT = 32;

export function createLicenseStore(options: { nvram: Nvram; clock: Clock; vendorPublicKey: string; hardwareId: string }): LicenseStore {
  const { clock, vendorPublicKey, hardwareId } = options;
  const settings = createSettingsStore({ nvram: options.nvram, schema: gatewayImageSchema, blank: blankGatewayImage, what: 'gateway settings' });

  // A file is checked when it arrives and again as it is installed; its signature is a pure
  // function of the text (for this device and vendor), so it is verified once. Bounded: it only
  // has to span one download.
  const verified = new Map<string, Result<LicensePayload>>();
  const open = (fileText: string): Result<LicensePayload> => {
    let result = verified.get(fileText);
    if (result === undefined) {
      result = openLicenseFile(fileText, vendorPublicKey, hardwareId);
      verified.set(fileText, result);
      if (verified.size > VERIFIED_FILES_KEPT) verified.delete(verified.keys().next().value!);
    }
    return result;
  };

  const checkAgainst = (image: GatewayImage, fileText: string): Result<LicensePayload> => {
    const opened = open(fileText);
    if (!opened.ok) return opened;
    const payload = opened.value;
    // [GW-2] a nonce is installable once, ever: deleting a license does not make its file new.
    if (image.seenNonces.includes(payload.nonce)) {
      return fail(ErrorCode.LicenseReplayed, `license ${payload.licenseId}: this file (nonce ${payload.nonce}) was already installed on this device once and cannot be installed again`);
    }
    // [TM-2] an older issuance of a license than one seen here was superseded by it (moved,
    // invalidated, downloaded again): keeping an old file back must not undo that.
    const latest = image.latestIssues?.[payload.licenseId] ?? 0;
    if ((payload.issue ?? 0) < latest) {
      return fail(ErrorCode.LicenseSuperseded, `license ${payload.licenseId}: this file is issue ${payload.issue ?? 0}, older than issue ${latest} already seen on this device; only a newer file installs`);
    }
    if (image.licenses.some((l) => l.payload.licenseId === payload.licenseId)) {
      return fail(ErrorCode.Conflict, `license ${payload.licenseId} is already installed; delete it first to replace it`);
    }
    return opened;
  };

  return {
    ...settings,
    installed: () => settings.image().licenses,
    open,
    check: (fileText) => checkAgainst(settings.image(), fileText),
    changeLicenses({ add = [], remove = [] }) {
      const current = settings.image();
      const removed = current.licenses.map((l) => l.payload.licenseId).filter((id) => remove.includes(id));
      let next: GatewayImage = { ...current, licenses: current.licenses.filter((l) => !removed.includes(l.payload.licenseId)) };
      const change: LicenseChange = { added: [], removed, refused: [] };
      for (const file of add) {
        const checked = checkAgainst(next, file);
        if (!checked.ok) {
          change.refused.push({ file, error: checked.error });
          continue;
        }
        const license = { file: file.trim(), payload: checked.value, installedAt: clock.now() };
        change.added.push(license);
        const issues = { ...next.latestIssues, [checked.value.licenseId]: checked.value.issue ?? 0 };
        next = { ...next, licenses: [...next.licenses, license], seenNonces: [...next.seenNonces, checked.value.nonce], latestIssues: issues };
      }
      if (change.added.length === 0 && removed.length === 0) return ok(change);
      const saved = settings.update(() => next);
      return saved.ok ? ok(change) : saved;
    },
  };
}
