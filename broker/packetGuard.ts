import type { Clock, TimerId } from '../emulator/clock/Clock.ts';
import { MAX_FRAME_BYTES } from '../protocol/messages/envelope.ts';

/**
 * The largest MQTT packet the embedded broker reads, fixed header included: one frame of the
 * link (MAX_FRAME_BYTES, the payload limit every link checks) with room for the topic, packet ID
 * and properties around it. Mosquitto's `max_packet_size` in docs/mosquitto.md is the same figure.
 */
export const MAX_PACKET_BYTES = MAX_FRAME_BYTES + 4 * 1024;

/** Wall-clock ms a started packet may stay incomplete before the connection is dropped. */
export const PARTIAL_PACKET_MS = 10_000;

export interface PacketGuardOptions {
  /** Largest packet, fixed header included; MAX_PACKET_BYTES by default. */
  readonly maxPacketBytes?: number;
  /** How long a packet may stay incomplete; PARTIAL_PACKET_MS by default. */
  readonly partialPacketMs?: number;
  /** The socket's real time: a client that goes quiet does so in wall time, whatever the run's clock. */
  readonly timers: Clock;
  /** Called once, with why, when the connection must be dropped; the guard reads nothing after. */
  readonly refuse: (reason: string) => void;
}

export interface PacketGuard {
  /** Reads the fixed headers in `chunk` (bytes as they came off the wire, in order). */
  watch(chunk: Buffer): void;
  /** Clears the partial-packet timer: the connection is gone. */
  stop(): void;
}

/**
 * Follows the packets of one MQTT connection by their fixed headers alone (MQTT 3.1.1 §2.2: a
 * type byte, then the Remaining Length in 1 to 4 bytes of 7 bits [MQTT-2.2.3]) and refuses, before
 * aedes buffers it, a packet that announces more than the limit, a malformed length, or a packet
 * left incomplete for longer than `partialPacketMs` by a client that went quiet. aedes's parser
 * (mqtt-packet) has no size limit of its own: it appends until the announced length has arrived.
 */
export function createPacketGuard(options: PacketGuardOptions): PacketGuard {
  const max = options.maxPacketBytes ?? MAX_PACKET_BYTES;
  const partialMs = options.partialPacketMs ?? PARTIAL_PACKET_MS;
  const { timers } = options;
  // Where we are in the current packet: its type byte, its length bytes, or its body.
  let stage: 'type' | 'length' | 'body' = 'type';
  let lengthBytes = 0;
  let remaining = 0;
  let multiplier = 1;
  let timer: TimerId | undefined;
  let refused = false;

  const stopTimer = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };
  const refuse = (reason: string): void => {
    if (refused) return;
    refused = true;
    stopTimer();
    options.refuse(reason);
  };
  const packetDone = (): void => {
    stage = 'type';
  };

  return {
    watch(chunk) {
      let at = 0;
      while (at < chunk.length && !refused) {
        if (stage === 'type') {
          at += 1;
          stage = 'length';
          lengthBytes = 0;
          remaining = 0;
          multiplier = 1;
        } else if (stage === 'length') {
          const byte = chunk[at]!;
          at += 1;
          lengthBytes += 1;
          remaining += (byte & 0x7f) * multiplier;
          multiplier *= 128;
          if ((byte & 0x80) === 0) {
            const size = 1 + lengthBytes + remaining;
            if (size > max) refuse(`packet of ${size} bytes announced; at most ${max} are read`);
            else if (remaining === 0) packetDone();
            else stage = 'body';
          } else if (lengthBytes === 4) {
            refuse('malformed Remaining Length: more than 4 bytes [MQTT-2.2.3]');
          }
        } else {
          const taken = Math.min(remaining, chunk.length - at);
          at += taken;
          remaining -= taken;
          if (remaining === 0) packetDone();
        }
      }
      if (refused) return;
      // Only a chunk that ends inside a packet starts the clock, so whole packets cost no timer;
      // the packet must then be complete within partialPacketMs, however slowly the rest trickles.
      if (stage === 'type') stopTimer();
      else timer ??= timers.setTimeout(() => refuse(`a packet stayed incomplete for ${partialMs} ms`), partialMs);
    },
    stop: stopTimer,
  };
}
