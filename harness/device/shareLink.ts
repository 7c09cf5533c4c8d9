import { Listeners, type Link } from '../../emulator/link/Link.ts';
import { frameId } from '../../broker/links/frameId.ts';

/** The appliance's license link, shared with the consoles whose framed requests it relays. */
export interface SharedLink {
  /** The appliance's own end: its requests go out, and only replies to them come back. */
  readonly device: Link;
  /**
   * Relays a console session's framed requests over the link and their replies back to it,
   * matched by request ID, until the returned function is called.
   */
  relay(session: Link): () => void;
}

/** Request IDs remembered per side, as many as the server's reply cache keeps per device. */
const REMEMBERED_IDS = 1024;

/**
 * `fleetrig device --server`: the service knows the device by its one MQTT login, so what the
 * host writes on the console goes out on the appliance's own link, as a modem on its serial
 * port would send it. The firmware never sees a reply to the host: a reply goes to the console
 * that sent its request ID, everything else to the firmware, as before. An ID the firmware used
 * is refused on the console (CONFLICT), since the service would answer it from its reply cache
 * with the firmware's reply; so is one another console has in flight.
 */
export function shareLink(link: Link): SharedLink {
  const firmwareIds = new Set<string>();
  // A console's requests in flight; `null` once its session ended, so a late reply is dropped.
  const consoleOf = new Map<string, Link | null>();
  const toFirmware = new Listeners<string>();
  const trim = (ids: Set<string> | Map<string, unknown>): void => {
    if (ids.size > REMEMBERED_IDS) ids.delete(ids.keys().next().value!);
  };

  link.onFrame((frame) => {
    const id = frameId(frame);
    if (id === undefined || !consoleOf.has(id)) return toFirmware.emit(frame);
    const session = consoleOf.get(id);
    consoleOf.delete(id);
    session?.send(frame);
  });

  return {
    device: {
      send(frame) {
        const id = frameId(frame);
        if (id !== undefined) {
          firmwareIds.add(id);
          trim(firmwareIds);
        }
        link.send(frame);
      },
      onFrame: (handler) => toFirmware.add(handler),
      isUp: () => link.isUp(),
      onStatus: (handler) => link.onStatus(handler),
    },
    relay(session) {
      const stop = session.onFrame((frame) => {
        const id = frameId(frame);
        if (id === undefined) return;
        const holder = consoleOf.get(id);
        if (firmwareIds.has(id) || (holder && holder !== session)) {
          const whose = firmwareIds.has(id) ? 'the appliance\'s own firmware used it' : 'another console session has it in flight';
          return session.send(JSON.stringify({ id, ok: false, error: { code: 'CONFLICT', message: `request ID ${id} is taken: ${whose}; send a fresh ID` } }));
        }
        consoleOf.set(id, session);
        trim(consoleOf);
        link.send(frame);
      });
      return () => {
        stop();
        for (const [id, holder] of consoleOf) if (holder === session) consoleOf.set(id, null);
      };
    },
  };
}
