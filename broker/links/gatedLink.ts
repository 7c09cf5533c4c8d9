import { Listeners, type Link, type Unsubscribe } from '../../emulator/link/Link.ts';

export interface GatedLink {
  /** The link as the device sees it. */
  readonly link: Link;
  /** Closes or opens the gate: the `linkDown` / `linkUp` faults. */
  setUp(up: boolean): void;
  /** Frames lost at the closed gate, both directions. */
  dropped(): number;
  /** Stops listening to the inner link. */
  detach(): void;
}

/**
 * A network fault on a link whose wire the rig does not own (an MQTT connection): while the
 * gate is closed nothing passes either way and the device sees its link down, though the
 * connection underneath stays up — the same frames are lost as on a cut memory wire.
 */
export function gateLink(inner: Link): GatedLink {
  const frames = new Listeners<string>();
  const status = new Listeners<boolean>();
  let open = true;
  let dropped = 0;
  let reported = inner.isUp();

  const report = (): void => {
    const up = open && inner.isUp();
    if (up === reported) return;
    reported = up;
    status.emit(up);
  };
  const subscriptions: Unsubscribe[] = [
    inner.onFrame((frame) => {
      if (open) frames.emit(frame);
      else dropped++;
    }),
    inner.onStatus(report),
  ];

  return {
    link: {
      send(frame) {
        if (open) inner.send(frame);
        else dropped++;
      },
      onFrame: (handler) => frames.add(handler),
      isUp: () => open && inner.isUp(),
      onStatus: (handler) => status.add(handler),
    },
    setUp(up) {
      open = up;
      report();
    },
    dropped: () => dropped,
    detach() {
      for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
    },
  };
}
