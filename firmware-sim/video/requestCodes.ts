import { newProductRequestCode } from '../../protocol/codes/productRequestCode.ts';
import { ok, type Result } from '../../protocol/result.ts';
import { productFields, type VideoCore } from './VideoCore.ts';
import { RECENT_NONCES_KEPT, type OutstandingRequest } from './videoImage.ts';

/**
 * Request codes (CL-4, CL-5): the product keeps the one it showed in NVRAM until a response
 * code answering it is installed, so the administrator can take the code to the portal and come
 * back after a reboot. A new code never repeats the nonce of a recent one, so a response to an
 * older request can never pass for an answer to the new one.
 */
export function outstandingRequest(core: VideoCore): Result<OutstandingRequest> {
  const shown = core.settings.image().request;
  const fields = productFields(core);
  // The code carries a check of each field: a Name changed since means a new code.
  if (shown && JSON.stringify(shown.fields) === JSON.stringify(fields)) return ok(shown);
  return freshRequest(core);
}

/** A new request code for the product as it is now, replacing any outstanding one. */
export function freshRequest(core: VideoCore): Result<OutstandingRequest> {
  const fields = productFields(core);
  const recent = new Set(core.settings.image().recentNonces);
  let code = newProductRequestCode({ identity: core.board.identity.hardwareId, fields, random: core.requestRandom });
  while (recent.has(code.nonce)) code = newProductRequestCode({ identity: core.board.identity.hardwareId, fields, random: core.requestRandom });
  const request: OutstandingRequest = { code: code.code, nonce: code.nonce, fields, createdAt: core.board.clock.now() };
  const saved = core.settings.update((image) => ({
    ...image,
    request,
    recentNonces: [...image.recentNonces, code.nonce].slice(-RECENT_NONCES_KEPT),
  }));
  if (!saved.ok) return saved;
  core.changed();
  return ok(request);
}
