import { parseValue } from '../../protocol/messages/envelope.ts';
import { videoOps } from '../../protocol/messages/video.ts';
import type { VideoPortal } from '../portals/video/VideoPortal.ts';
import type { LinkHandler } from './serveLink.ts';

/** The CL-3 product operations of protocol/messages/video.ts, answered by the video portal. */
export function videoLinkHandlers(video: VideoPortal): Record<string, LinkHandler> {
  const { updateLicense } = videoOps;
  return {
    [updateLicense.op]: async (request) => {
      const body = parseValue(request.body, updateLicense.request, `${updateLicense.op} body`);
      return body.ok ? video.updateFromProduct(body.value) : body;
    },
  };
}
