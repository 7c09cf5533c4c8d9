import { Listeners, type Link } from './Link.ts';

export interface LinkPair {
  /** The device's end. */
  readonly a: Link;
  /** The far end (license server, test). */
  readonly b: Link;
  /** Cuts or restores the wire between the ends; frames sent while it is cut are lost. */
  setUp(up: boolean): void;
  /** Frames lost because the wire was cut. */
  dropped(): number;
}

export interface MemoryLinkPairOptions {
  /**
   * Gets a frame, at the moment it is sent, to the far end later: a microtask by default. A run
   * passes its clock's ordered delivery, so frames take effect in send order once the world is
   * quiet — the same order as over any MQTT transport.
   */
  readonly deliver?: (fn: () => void) => void;
}

/**
 * Two in-memory ends of a wire. Frames arrive later, never re-entrantly inside `send`, and in
 * the order they were sent — as on a real link, minus the latency.
 */
export function createMemoryLinkPair(options: MemoryLinkPairOptions = {}): LinkPair {
  const deliver = options.deliver ?? queueMicrotask;
  let up = true;
  let dropped = 0;
  const frames = { a: new Listeners<string>(), b: new Listeners<string>() };
  const status = new Listeners<boolean>();
  const statusB = new Listeners<boolean>();

  const end = (inbox: Listeners<string>, outbox: Listeners<string>, statusOut: Listeners<boolean>): Link => ({
    send(frame) {
      if (!up) {
        dropped++;
        return;
      }
      deliver(() => {
        if (up) outbox.emit(frame);
        else dropped++;
      });
    },
    onFrame: (handler) => inbox.add(handler),
    isUp: () => up,
    onStatus: (handler) => statusOut.add(handler),
  });

  return {
    a: end(frames.a, frames.b, status),
    b: end(frames.b, frames.a, statusB),
    setUp(next) {
      if (next === up) return;
      up = next;
      status.emit(up);
      statusB.emit(up);
    },
    dropped: () => dropped,
  };
}
