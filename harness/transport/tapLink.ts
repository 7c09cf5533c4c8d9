import type { Link } from '../../emulator/link/Link.ts';

/** Wraps a device's link so the harness sees every frame in both directions, for the trace. */
export function tapLink(link: Link, onFrame: (direction: 'out' | 'in', frame: string) => void): Link {
  link.onFrame((frame) => onFrame('in', frame));
  return {
    send(frame) {
      onFrame('out', frame);
      link.send(frame);
    },
    onFrame: (handler) => link.onFrame(handler),
    isUp: () => link.isUp(),
    onStatus: (handler) => link.onStatus(handler),
  };
}
