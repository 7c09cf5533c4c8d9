import type { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { replySchema, type Reply } from '../../protocol/messages/envelope.ts';
import type { LicenseServer } from '../createLicenseServer.ts';

/** A device's end of an in-memory link the server serves: what a device-op test talks through. */
export interface TestLink {
  /** Every reply so far, in order, parsed against the envelope schema. */
  readonly replies: Reply[];
  /** Sends a frame as it is (a string) or as JSON. */
  send(frame: unknown): void;
  /** Sends a frame, lets the server answer on the clock, and returns the latest reply. */
  exchange(frame: unknown): Promise<Reply>;
  /** Stops the server answering on this link. */
  stop(): void;
}

export function serveTestLink(t: { server: LicenseServer; clock: VirtualClock }): TestLink {
  const pair = createMemoryLinkPair();
  const replies: Reply[] = [];
  pair.a.onFrame((frame) => replies.push(replySchema.parse(JSON.parse(frame))));
  const stop = t.server.serveLink(pair.b);
  const send = (frame: unknown): void => pair.a.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return {
    replies,
    send,
    async exchange(frame) {
      send(frame);
      await t.clock.quiesce();
      return replies.at(-1)!;
    },
    stop,
  };
}
