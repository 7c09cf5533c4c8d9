import { crc32 } from 'node:zlib';
import { z } from 'zod';
import type { EmulatedBoard } from '../../emulator/board/createBoard.ts';
import type { Clock, TimerId } from '../../emulator/clock/Clock.ts';
import type { Unsubscribe } from '../../emulator/link/Link.ts';
import type { FacetRecord } from '../../license-server/core/types.ts';
import type { Store } from '../../license-server/store/Store.ts';
import { parseValue } from '../../protocol/messages/envelope.ts';
import type { ServiceLogger } from './serviceLog.ts';

/** The store's record kind for one emulated appliance's NVRAM, keyed by device ID. */
export const NVRAM_KIND = 'service.nvram';
const FORMAT = 'fleetrig.nvram/1';

/** Commits within this much wall time of the first go to the store as one write. */
export const SAVE_AFTER_MS = 100;
/** After a failed write, the next try; commits meanwhile wait in memory. */
const RETRY_AFTER_MS = 5_000;

/** One saved image, as the record's `data`: the bytes last committed, and whose board they are. */
const savedImageSchema = z.object({
  format: z.literal(FORMAT),
  family: z.string().min(1),
  hardwareId: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  crc32: z.number().int().nonnegative(),
  image: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64 text'),
}).strict();

export interface FleetNvramOptions {
  store: Store;
  /** Times the coalesced writes: the wall clock, so they happen however virtual time moves. */
  timers: Clock;
  logger: ServiceLogger;
  /** SAVE_AFTER_MS unless given. */
  saveAfterMs?: number;
}

/**
 * The emulated appliances' NVRAM kept in the service's store, so a restarted `fleetrig serve`
 * boots each one into what it had committed, as a real appliance does after a power cycle.
 */
export interface FleetNvram {
  /**
   * For addFleet's `onBoard`: loads the board's saved image (if it is this board's and intact)
   * into its NVRAM before the firmware boots, then saves every commit the part makes.
   */
  attach(board: EmulatedBoard, family: string): void;
  /** Writes the commits not yet written; resolves once the store has them (or the write failed, logged). */
  flush(): Promise<void>;
  /** Stops hearing of commits and writes the last ones. */
  close(): Promise<void>;
}

interface Pending {
  family: string;
  hardwareId: string;
  image: Uint8Array;
  at: number;
}

/**
 * Reads every saved image at once (images of devices the fleet no longer has stay in the store,
 * unused). Commits are coalesced: the first starts a SAVE_AFTER_MS timer, and every device's
 * latest image then goes in one transaction.
 */
export async function openFleetNvram(options: FleetNvramOptions): Promise<FleetNvram> {
  const { store, timers, logger } = options;
  const saveAfterMs = options.saveAfterMs ?? SAVE_AFTER_MS;
  const saved = new Map((await store.transaction((tx) => tx.records.list(NVRAM_KIND))).map((r) => [r.id, r]));
  const pending = new Map<string, Pending>();
  const observers: Unsubscribe[] = [];
  let timer: TimerId | undefined;
  let writing = Promise.resolve();
  let closed = false;

  function schedule(delayMs: number): void {
    if (timer !== undefined || closed) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void timers.track(flush());
    }, delayMs);
  }

  function flush(): Promise<void> {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    const batch = new Map(pending);
    pending.clear();
    if (batch.size > 0) writing = writing.then(() => write(batch));
    return writing;
  }

  async function write(batch: Map<string, Pending>): Promise<void> {
    try {
      await store.transaction(async (tx) => {
        for (const [id, image] of batch) await tx.records.put(toRecord(id, image));
      });
    } catch (error) {
      // Kept for the next try, unless the device has committed again since.
      for (const [id, image] of batch) if (!pending.has(id)) pending.set(id, image);
      logger.warn({ devices: [...batch.keys()], reason: (error as Error).message }, 'nvram save failed');
      schedule(RETRY_AFTER_MS);
    }
  }

  return {
    attach(board, family) {
      const record = saved.get(board.id);
      if (record !== undefined) {
        const problem = restore(record, board, family);
        if (problem !== undefined) logger.warn({ device: board.id, reason: problem }, 'nvram image refused');
      }
      observers.push(board.nvram.onCommit((image) => {
        pending.set(board.id, { family, hardwareId: board.identity.hardwareId, image, at: board.clock.now() });
        schedule(saveAfterMs);
      }));
    },
    flush,
    async close() {
      closed = true;
      for (const stop of observers.splice(0)) stop();
      await flush();
    },
  };
}

function toRecord(id: string, { family, hardwareId, image, at }: Pending): FacetRecord {
  const data = { format: FORMAT, family, hardwareId, bytes: image.length, crc32: crc32(image), image: Buffer.from(image).toString('base64') };
  return { kind: NVRAM_KIND, id, accountId: null, data, updatedAt: at };
}

/**
 * Programs the saved image into the board's part if it is whole and this board's; else says
 * why not, and the part stays blank. Never throws: bad data in the store must not stop a start.
 */
function restore(record: FacetRecord, board: EmulatedBoard, family: string): string | undefined {
  const what = `the saved NVRAM image of ${board.id}`;
  const parsed = parseValue(record.data, savedImageSchema, what);
  if (!parsed.ok) return parsed.error.message;
  const saved = parsed.value;
  const image = new Uint8Array(Buffer.from(saved.image, 'base64'));
  if (image.length !== saved.bytes || crc32(image) !== saved.crc32) {
    return `${what} is corrupt: it decodes to ${image.length} bytes with CRC-32 ${crc32(image)}, but was saved as ${saved.bytes} bytes with CRC-32 ${saved.crc32}`;
  }
  // Identities derive from the store's seed, the scenario's file and name, and the device ID:
  // another board under the same ID means the fleet was set up from another scenario.
  if (saved.family !== family || saved.hardwareId !== board.identity.hardwareId) {
    return `${what} belongs to another board (${saved.family} ${saved.hardwareId}; this one is ${family} ${board.identity.hardwareId})`;
  }
  if (image.length > board.nvram.capacity) return `${what} holds ${image.length} bytes, more than the part's ${board.nvram.capacity}`;
  // Programmed as on a bench: powered for the write, then off again until the firmware boots it.
  const wasOn = board.power.isOn();
  board.power.restore();
  board.nvram.commit(image);
  if (!wasOn) board.power.cut();
  return undefined;
}
