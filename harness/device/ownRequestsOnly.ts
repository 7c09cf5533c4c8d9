import { Listeners, type Link } from '../../emulator/link/Link.ts';
import { idOf } from '../../broker/links/frameId.ts';

/**
 * A console's frame link as `fleetrig device` hands it to the portal. The serial line belongs
 * to this one device, as an MQTT login belongs to its own topics, so a request naming another
 * `deviceId` is refused on the line with FORBIDDEN — the host learns why, where the broker would
 * drop it unseen. A frame with no readable `id` (not JSON, say) is dropped, as the server drops
 * it: no reply could be matched to it. Anything else goes on; its schema is the server's to check.
 */
export function ownRequestsOnly(link: Link, deviceId: string): Link {
  const frames = new Listeners<string>();
  link.onFrame((frame) => {
    const value = parseJson(frame);
    const id = idOf(value);
    if (id === undefined) return;
    const claimed = (value as { deviceId?: unknown }).deviceId;
    if (typeof claimed !== 'string' || claimed === deviceId) return frames.emit(frame);
    link.send(JSON.stringify({
      id,
      ok: false,
      error: { code: 'FORBIDDEN', message: `this serial line is ${deviceId}'s: a request for ${JSON.stringify(claimed).slice(0, 80)} is not passed on; send deviceId "${deviceId}"` },
    }));
  });
  return { send: (frame) => link.send(frame), onFrame: (handler) => frames.add(handler), isUp: () => link.isUp(), onStatus: (handler) => link.onStatus(handler) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
