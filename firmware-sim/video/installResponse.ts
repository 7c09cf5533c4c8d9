import { ErrorCode } from '../../protocol/errorCodes.ts';
import { VIDEO_FAMILY } from '../../protocol/messages/video.ts';
import { openResponseCode } from '../../protocol/responseCode.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { VideoCore } from './VideoCore.ts';
import type { InstalledVideoLicense } from './videoImage.ts';

/**
 * [CL-7] Process License Response Code: installs a response code if it is signed by the
 * vendor, issued for this product, and answers its outstanding request. Installing it clears
 * that request, so the same or an older code is refused afterwards (RESPONSE_STALE); a code for
 * another product is RESPONSE_FOREIGN, an altered one SIGNATURE_INVALID or ENVELOPE_MALFORMED.
 * The entitlements it carries replace the installed ones and take effect at once.
 */
export function installResponseCode(core: VideoCore, text: unknown): Result<InstalledVideoLicense> {
  if (typeof text !== 'string' || text.trim() === '') {
    return fail(ErrorCode.BadRequest, 'Process License Response Code: paste the response code (RSP1.…); got nothing', 'responseCode');
  }
  const image = core.settings.image();
  const opened = openResponseCode(text, {
    vendorPublicKey: core.vendorPublicKey,
    identity: core.board.identity.hardwareId,
    requestNonce: image.request?.nonce ?? null,
  });
  if (!opened.ok) return opened;
  if (opened.value.family !== VIDEO_FAMILY) {
    return fail(ErrorCode.ResponseForeign, `this response code was issued by the ${opened.value.family} portal, not for a Clariti product`);
  }
  const license: InstalledVideoLicense = {
    responseCode: text.replace(/\s+/g, ''),
    grants: opened.value.grants,
    issuedAt: opened.value.issuedAt,
    installedAt: core.board.clock.now(),
  };
  const saved = core.settings.update((current) => ({ ...current, license, request: null }));
  if (!saved.ok) return saved;
  core.changed();
  return ok(license);
}

/** Feature → count the installed license grants at `now` (a grant with an end stops then). */
export function entitlementsOf(license: InstalledVideoLicense | null, now: number, tampered = false): Record<string, number> {
  const out: Record<string, number> = {};
  for (const grant of license?.grants ?? []) {
    // [TM-1] while the clock is flagged as set back, a grant with an end is not trusted to run.
    if (grant.end !== null && (tampered || grant.end <= now)) continue;
    out[grant.featureCode] = (out[grant.featureCode] ?? 0) + grant.count;
  }
  return out;
}
