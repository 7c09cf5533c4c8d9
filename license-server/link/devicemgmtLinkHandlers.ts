import { audioOps } from '../../protocol/messages/audio.ts';
import { ok } from '../../protocol/result.ts';
import type { DevicemgmtPortal } from '../portals/devicemgmt/DevicemgmtPortal.ts';
import type { LinkHandler } from './serveLink.ts';
import { linkHandler } from './linkHandler.ts';

/** The PC-7 managed-device operations of protocol/messages/audio.ts, answered by the device-management portal. */
export function devicemgmtLinkHandlers(portal: DevicemgmtPortal): Record<string, LinkHandler> {
  return {
    // Each proof signs the envelope's request ID, so a captured proof cannot be replayed under another.
    [audioOps.enroll.op]: linkHandler(audioOps.enroll, async (body, request) => {
      const enrolled = await portal.enroll({ ...body, requestId: request.id });
      return enrolled.ok ? ok({ ...enrolled.value }) : enrolled;
    }),
    [audioOps.unenroll.op]: linkHandler(audioOps.unenroll, async (body, request) => {
      const left = await portal.unenroll({ ...body, requestId: request.id });
      return left.ok ? ok({ ...left.value }) : left;
    }),
    [audioOps.heartbeat.op]: linkHandler(audioOps.heartbeat, async (body, request) => {
      const beat = await portal.heartbeat({ ...body, requestId: request.id });
      return beat.ok ? ok({ ...beat.value }) : beat;
    }),
  };
}
