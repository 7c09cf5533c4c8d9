import type { Clock, TimerId } from '../../../emulator/clock/Clock.ts';
import type { PacedClockState } from '../../../emulator/clock/pacedClock.ts';
import type { Appliance, ApplianceState } from '../../../firmware-sim/shared/Appliance.ts';
import type { LiveMessage, SequencedMessage } from './liveMessages.ts';

export interface LiveFeedOptions {
  /** The fleet, read again on every flush so devices added or replaced later are followed too. */
  devices: ReadonlyMap<string, { readonly appliance: Appliance }>;
  clock: { state(): PacedClockState };
  /** The wall clock flushes run on (a VirtualClock in tests). */
  timers: Clock;
  /** Names this run; a `since` from another stream gets a fresh snapshot. */
  stream: string;
  /** Wall ms between flushes; 100 by default. */
  flushMs?: number;
  /** How many sequenced messages are kept for resuming; 50,000 by default. */
  keep?: number;
}

/** Where a client wants to start: nothing for a snapshot, or after `since` of `stream`. */
export interface LiveStart {
  readonly since?: number;
  readonly stream?: string;
}

/** Receives the opening messages at once, then each flush's messages in sequence order. */
export type LiveSubscriber = (messages: readonly LiveMessage[]) => void;

export interface LiveFeed {
  /** The sequence number of the last message flushed. */
  seq(): number;
  subscribe(start: LiveStart, send: LiveSubscriber): () => void;
  /** The clock moved other than by following the wall clock (a jump, pause, speed): send it on the next flush. */
  clockChanged(): void;
  /** Flushes now (also done every `flushMs`). */
  flush(): void;
  close(): void;
}

interface Followed {
  readonly appliance: Appliance;
  readonly stop: () => void;
}

/**
 * The live feed's model, without sockets: it follows every appliance's `onChange`, coalesces the
 * changes of one flush to one message per device, numbers them, keeps the last `keep` in a ring
 * for clients that resume with `since`, and hands each flush to every subscriber.
 */
export function createLiveFeed(options: LiveFeedOptions): LiveFeed {
  const { devices, timers, stream } = options;
  const flushMs = options.flushMs ?? 100;
  const keep = options.keep ?? 50_000;
  const followed = new Map<string, Followed>();
  /** Each device's state as of the last flush: what a snapshot at `seq` shows. */
  const published = new Map<string, ApplianceState>();
  const pending = new Map<string, ApplianceState>();
  const ring: SequencedMessage[] = [];
  let ringStart = 0;
  let seq = 0;
  let clockSent = options.clock.state();
  let clockDirty = false;
  const subscribers = new Set<LiveSubscriber>();
  let timer: TimerId | undefined;

  const follow = (id: string, appliance: Appliance): void => {
    const stop = appliance.onChange((state) => pending.set(id, state));
    followed.set(id, { appliance, stop });
  };
  for (const [id, handle] of devices) {
    follow(id, handle.appliance);
    published.set(id, handle.appliance.snapshot());
  }

  const keepMessage = (message: SequencedMessage): void => {
    if (ring.length < keep) ring.push(message);
    else {
      ring[ringStart] = message;
      ringStart = (ringStart + 1) % keep;
    }
  };
  /** Kept messages with a sequence number above `since`, oldest first. */
  const keptAfter = (since: number): SequencedMessage[] => {
    const count = seq - since;
    const ordered = ring.slice(ringStart).concat(ring.slice(0, ringStart));
    return count === 0 ? [] : ordered.slice(-count);
  };

  /** Follows devices that joined or were replaced; forgets those that left. */
  const syncDevices = (out: SequencedMessage[]): void => {
    for (const [id, handle] of devices) {
      const known = followed.get(id);
      if (known?.appliance === handle.appliance) continue;
      known?.stop();
      follow(id, handle.appliance);
      pending.set(id, handle.appliance.snapshot());
    }
    for (const [id, known] of followed) {
      if (devices.has(id)) continue;
      known.stop();
      followed.delete(id);
      published.delete(id);
      pending.delete(id);
      out.push({ type: 'removed', seq: ++seq, deviceId: id });
    }
  };

  const clockMoved = (now: PacedClockState): boolean =>
    clockDirty || now.running !== clockSent.running || now.speed !== clockSent.speed || now.nextDeadline !== clockSent.nextDeadline;

  const flush = (): void => {
    const out: SequencedMessage[] = [];
    syncDevices(out);
    const clock = options.clock.state();
    if (clockMoved(clock)) {
      out.push({ type: 'clock', seq: ++seq, clock });
      clockSent = clock;
      clockDirty = false;
    }
    for (const [id, device] of pending) {
      out.push({ type: 'change', seq: ++seq, device });
      published.set(id, device);
    }
    pending.clear();
    if (out.length === 0) return;
    for (const message of out) keepMessage(message);
    for (const send of subscribers) send(out);
  };

  const schedule = (): void => {
    timer = timers.setTimeout(() => {
      flush();
      schedule();
    }, flushMs);
  };
  schedule();

  const snapshot = (reason?: string): LiveMessage => ({
    type: 'snapshot', seq, stream, devices: [...published.values()], clock: options.clock.state(),
    ...(reason === undefined ? {} : { reason }),
  });

  /** The opening messages for a client: a snapshot, or the kept changes after its `since`. */
  const opening = (start: LiveStart): LiveMessage[] => {
    const { since } = start;
    if (since === undefined) return [snapshot()];
    if (start.stream !== undefined && start.stream !== stream) {
      return [snapshot(`since ${since} belongs to stream ${start.stream}; this service runs stream ${stream}`)];
    }
    if (since > seq) return [snapshot(`since ${since} is ahead of the last change ${seq}`)];
    if (since < seq - ring.length) {
      return [snapshot(`since ${since} is older than the oldest change kept (${seq - ring.length + 1}); only the last ${keep} are kept`)];
    }
    const replay = keptAfter(since);
    return [{ type: 'resume', seq: since, stream, since, replayed: replay.length }, ...replay];
  };

  return {
    seq: () => seq,
    subscribe(start, send) {
      send(opening(start));
      subscribers.add(send);
      return () => subscribers.delete(send);
    },
    clockChanged() {
      clockDirty = true;
    },
    flush,
    close() {
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      for (const known of followed.values()) known.stop();
      followed.clear();
      subscribers.clear();
    },
  };
}
