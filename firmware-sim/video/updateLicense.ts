import { ErrorCode } from '../../protocol/errorCodes.ts';
import { videoOps } from '../../protocol/messages/video.ts';
import type { Failure, Result } from '../../protocol/result.ts';
import { fail, ok } from '../../protocol/result.ts';
import { installResponseCode } from './installResponse.ts';
import { freshRequest } from './requestCodes.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import { type VideoCore } from './VideoCore.ts';
import type { Grant } from '../../protocol/responseCode.ts';
import { VideoErrorCode } from './VideoErrorCode.ts';

export const SUCCESS = 'SUCCESS';

export interface LicenseUpdate {
  productId: string;
  grants: Grant[];
}

/** What Last connection status says for a failure: short, for a person, stable for scenarios. */
const REASONS: Record<string, string> = {
  [ErrorCode.TokenRevoked]: 'token revoked',
  [ErrorCode.TokenUnknown]: 'token not recognized',
  [ErrorCode.LinkDown]: 'portal unreachable',
  [ErrorCode.Timeout]: 'no reply from the portal',
  [ErrorCode.SignatureInvalid]: 'response not signed by the vendor',
};

export function connectionFailure(error: Failure): string {
  return `FAILED: ${REASONS[error.code] ?? error.code}`;
}

/**
 * [CL-3] Update License (and each automatic refresh): over the link, the product sends its
 * access token and a fresh request code; the portal registers it and answers with a response
 * code carrying its assigned entitlements, installed as Process License Response Code would
 * (CL-7). Last connection status records SUCCESS or why not. One update runs at a time: asking
 * again while one is under way joins it.
 */
export function createLicenseUpdater(core: VideoCore): () => Promise<Result<LicenseUpdate>> {
  let inFlight: Promise<Result<LicenseUpdate>> | undefined;
  return () => {
    inFlight ??= run(core).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

async function run(core: VideoCore): Promise<Result<LicenseUpdate>> {
  const refused = refuseUnlessRunning(core, 'Update License');
  if (refused) return refused;
  const { settings } = core.settings.image();
  if (settings.mode !== 'standard') {
    return fail(VideoErrorCode.WrongMode, 'Update License: the License mode is Restrictive; set it to Standard to connect to the portal', 'mode');
  }
  if (settings.accessToken === null) {
    return fail(VideoErrorCode.TokenMissing, 'Update License: enter the Access token from the portal first', 'accessToken');
  }
  const request = freshRequest(core);
  if (!request.ok) return request;
  const reply = await core.portal.request({
    op: videoOps.updateLicense.op,
    body: { accessToken: settings.accessToken, requestCode: request.value.code, product: request.value.fields },
    reply: videoOps.updateLicense.reply,
  });
  // The reply may arrive after a reboot began; the firmware that asked is gone by then.
  const gone = refuseUnlessRunning(core, 'Update License (reply arrived after the device stopped running)');
  if (gone) return gone;
  if (!reply.ok) {
    record(core, connectionFailure(reply.error));
    return reply;
  }
  const installed = installResponseCode(core, reply.value.responseCode);
  record(core, installed.ok ? SUCCESS : connectionFailure(installed.error));
  if (!installed.ok) return installed;
  core.updated();
  return ok({ productId: reply.value.productId, grants: installed.value.grants });
}

function record(core: VideoCore, status: string): void {
  // The status is informational: a failed NVRAM write of it leaves the previous one showing.
  core.settings.update((image) => ({ ...image, lastConnection: { at: core.board.clock.now(), status } }));
  core.changed();
}
