import type { Clock } from '../../emulator/clock/Clock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';

/**
 * Holds a virtual clock still while a request is on a real wire. A VirtualClock jumps as soon as
 * nothing it tracks is pending; an MQTT round trip is socket and broker work it cannot see, so
 * each request is tracked from the moment it leaves (or arrives) until its reply is through.
 *
 * A reply that never comes must not freeze time for good: each wait also ends after `capMs` of
 * wall time — real I/O is bounded in real time — and all of them when the link goes down.
 */
export interface InFlight {
  /** Starts waiting for the reply to request `id`. */
  open(id: string): void;
  /** One reply to `id` is through; ends the oldest wait for that ID. */
  settle(id: string): void;
  /** Ends every wait: the link went down or was closed. */
  releaseAll(): void;
  /** Waits still open. */
  size(): number;
}

export interface InFlightOptions {
  /** Nothing is tracked without a clock. */
  readonly clock: Clock | undefined;
  /** Wall-clock bound on one wait; 5 000 ms by default. */
  readonly capMs?: number;
}

const DEFAULT_CAP_MS = 5_000;

export function createInFlight(options: InFlightOptions): InFlight {
  const { clock } = options;
  const capMs = options.capMs ?? DEFAULT_CAP_MS;
  const wall = new WallClock();
  const waits = new Map<string, (() => void)[]>();
  let open = 0;

  const end = (id: string, release: () => void): void => {
    const list = waits.get(id);
    const at = list?.indexOf(release) ?? -1;
    if (list === undefined || at < 0) return;
    list.splice(at, 1);
    if (list.length === 0) waits.delete(id);
    open--;
    release();
  };

  return {
    open(id) {
      if (clock === undefined) return;
      let release!: () => void;
      const done = new Promise<void>((resolve) => {
        const timer = wall.setTimeout(() => end(id, release), capMs);
        release = () => {
          wall.clearTimeout(timer);
          resolve();
        };
      });
      const list = waits.get(id) ?? [];
      list.push(release);
      waits.set(id, list);
      open++;
      void clock.track(done);
    },
    settle(id) {
      const first = waits.get(id)?.[0];
      if (first !== undefined) end(id, first);
    },
    releaseAll() {
      for (const [id, list] of [...waits]) for (const release of [...list]) end(id, release);
    },
    size: () => open,
  };
}

/** The request or reply ID of a JSON frame, if it has a usable one; never throws. */
export function frameId(frame: string): string | undefined {
  try {
    return idOf(JSON.parse(frame));
  } catch {
    return undefined;
  }
}

/** The `id` of a parsed frame, under the envelope's rules (1 to 64 characters). */
export function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
}
