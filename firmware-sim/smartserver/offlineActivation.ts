import { newRequestCode } from '../../protocol/codes/requestCode.ts';
import { SS_CAPACITY } from '../../protocol/messages/smartserver.ts';
import { openResponseCode } from '../../protocol/responseCode.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import type { InstalledLicense } from './smartserverImage.ts';
import { refuseLicenseManagement, refuseWhileBusy, type SmartServerCore } from './SmartServerCore.ts';

/** Which portal's response codes a SmartServer takes (the customer portal's `family`). */
export const SMARTSERVER_RESPONSE_FAMILY = 'smartserver';

/**
 * [SS-8] Offline capacity activation, for a server without internet. The server shows a
 * request code (its install code's fingerprint and a fresh nonce, with check characters); the
 * customer types it into the License Customer Portal elsewhere and brings back a response code,
 * which the server installs after checking it offline: signed by the vendor, for this server,
 * answering its latest request. Each new request code makes the older ones stale, and an
 * installed response cannot be installed again.
 */
export interface OfflineActivation {
  requestCode(): Result<{ requestCode: string; installCode: string }>;
  /** Codes: ENVELOPE_MALFORMED, SIGNATURE_INVALID, RESPONSE_FOREIGN, RESPONSE_STALE. */
  installResponse(responseCode: string): Result<{ installed: string[] }>;
}

const MAX_CODE = 16 * 1024;

export function createOfflineActivation(core: SmartServerCore): OfflineActivation {
  const installCode = core.board.identity.installCode;
  return {
    requestCode() {
      const op = 'offline activation request';
      const refused = refuseLicenseManagement(core, op) ?? refuseWhileBusy(core, op);
      if (refused) return refused;
      const request = newRequestCode({ identity: installCode, random: core.requestRandom });
      const saved = core.settings.update((image) => ({ ...image, requestNonce: request.nonce }));
      if (!saved.ok) return saved;
      core.changed();
      return ok({ requestCode: request.code, installCode });
    },

    installResponse(responseCode) {
      const op = 'offline activation response';
      const refused = refuseLicenseManagement(core, op) ?? refuseWhileBusy(core, op);
      if (refused) return refused;
      if (typeof responseCode !== 'string' || responseCode.length === 0 || responseCode.length > MAX_CODE) {
        return fail(ErrorCode.BadRequest, `${op}: paste the response code from the License Customer Portal`, 'responseCode');
      }
      const image = core.settings.image();
      const opened = openResponseCode(responseCode, { vendorPublicKey: core.vendorPublicKey, identity: installCode, requestNonce: image.requestNonce });
      if (!opened.ok) return fail(opened.error.code, `${op}: ${opened.error.message}`, 'responseCode');
      if (opened.value.family !== SMARTSERVER_RESPONSE_FAMILY) {
        return fail('RESPONSE_FOREIGN', `${op}: this response code is for a ${opened.value.family} product, not a SmartServer`, 'responseCode');
      }
      const have = new Set(image.licenses.map((l) => l.licenseId));
      const now = core.board.clock.now();
      const adds: InstalledLicense[] = [];
      for (const grant of opened.value.grants) {
        if (grant.featureCode !== SS_CAPACITY || grant.count < 1) {
          return fail(ErrorCode.LicenseWrongFamily, `${op}: grant ${grant.licenseId} (${grant.featureCode}) is not a device-capacity license`, 'responseCode');
        }
        if (!have.has(grant.licenseId)) adds.push({ licenseId: grant.licenseId, featureCode: SS_CAPACITY, count: grant.count, end: grant.end, activatedAt: now, source: 'offline' });
      }
      // Clearing the nonce makes this response (and any other answer to the request) stale.
      const saved = core.settings.update((current) => ({ ...current, licenses: [...current.licenses, ...adds], requestNonce: null }));
      if (!saved.ok) return saved;
      core.changed();
      return ok({ installed: adds.map((l) => l.licenseId) });
    },
  };
}
