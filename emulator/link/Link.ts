/**
 * A duplex message channel between a device and whatever it talks to: the in-memory pair for
 * in-process runs, an MQTT topic pair, a framed serial line. Frames are text (JSON by
 * convention); the link neither parses nor validates them — the two ends do.
 */
export type Unsubscribe = () => void;

export interface Link {
  /** Sends one frame. While the link is down the frame is lost, as on a pulled cable. */
  send(frame: string): void;
  onFrame(handler: (frame: string) => void): Unsubscribe;
  isUp(): boolean;
  onStatus(handler: (up: boolean) => void): Unsubscribe;
}

/** Handler lists shared by Link implementations. */
export class Listeners<T> {
  #handlers = new Set<(value: T) => void>();

  add(handler: (value: T) => void): Unsubscribe {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  emit(value: T): void {
    for (const handler of [...this.#handlers]) handler(value);
  }
}
