import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createBoard, type EmulatedBoard } from '../../emulator/board/createBoard.ts';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createFactory, manufacture, type Factory } from '../../emulator/identity/manufacture.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { openSqliteStore } from '../../license-server/store/sqliteStore.ts';
import type { Store } from '../../license-server/store/Store.ts';
import { NVRAM_KIND, openFleetNvram, SAVE_AFTER_MS } from './fleetNvram.ts';
import type { ServiceLogger } from './serviceLog.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The store, counting its transactions; `failNext` makes the next one fail as a lost database would. */
function countingStore(): { store: Store; transactions: () => number; failNext(): void } {
  const inner = openSqliteStore({ path: ':memory:' });
  let count = 0;
  let failing = false;
  const store: Store = {
    dialect: inner.dialect,
    transaction(work) {
      count++;
      if (failing) {
        failing = false;
        return Promise.reject(new Error('connection lost'));
      }
      return inner.transaction(work);
    },
    close: () => inner.close(),
  };
  return { store, transactions: () => count, failNext: () => void (failing = true) };
}

function logged(): { logger: ServiceLogger; lines: { message: string; fields: Record<string, unknown> }[] } {
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const log = (fields: Record<string, unknown>, message: string) => void lines.push({ message, fields });
  return { logger: { info: log, warn: log }, lines };
}

/** Boards as a fleet builds them: the same seed and device ID always make the same board. */
function bench(seed = 1): { factory: Factory; board(id: string, family?: string): EmulatedBoard } {
  const clock = new VirtualClock();
  const factory = createFactory({ random: createRandom(seed), clock });
  return {
    factory,
    board: (id, family = 'gateway') => {
      const random = createRandom(seed).fork(`device/${id}`);
      return createBoard({ id, clock, random, identity: manufacture(factory, { random, family }), link: createMemoryLinkPair().a });
    },
  };
}

/** What the firmware would read at boot. */
function boot(board: EmulatedBoard): string | undefined {
  board.power.restore();
  const image = board.nvram.read();
  return image === undefined ? undefined : new TextDecoder().decode(image);
}

async function saved(store: Store, id: string): Promise<Record<string, unknown> | undefined> {
  return (await store.transaction((tx) => tx.records.get(NVRAM_KIND, id)))?.data;
}

describe('openFleetNvram', () => {
  it('writes a burst of commits from several devices as one transaction, each device\'s last image', async () => {
    const { store, transactions } = countingStore();
    const timers = new VirtualClock();
    const nvram = await openFleetNvram({ store, timers, logger: logged().logger });
    const { board } = bench();
    const a = board('gw-001');
    const b = board('gw-002');
    nvram.attach(a, 'gateway');
    nvram.attach(b, 'gateway');
    a.power.restore();
    b.power.restore();
    const before = transactions();
    for (let i = 1; i <= 20; i++) a.nvram.commit(bytes(`{"n":${i}}`));
    b.nvram.commit(bytes('{"b":1}'));
    await timers.advance(SAVE_AFTER_MS - 1);
    expect(transactions()).toBe(before);
    await timers.advance(1);
    await nvram.flush();
    // Nothing more to write: no empty transactions either.
    await timers.advance(10 * SAVE_AFTER_MS);
    await nvram.close();
    expect(transactions()).toBe(before + 1);
    expect(await saved(store, 'gw-001')).toMatchObject({ family: 'gateway', hardwareId: a.identity.hardwareId, bytes: 8, image: Buffer.from('{"n":20}').toString('base64') });
    expect(await saved(store, 'gw-002')).toMatchObject({ image: Buffer.from('{"b":1}').toString('base64') });
  });

  it('writes the last commits on close, and loads them into the same board before it boots', async () => {
    const { store } = countingStore();
    const timers = new VirtualClock();
    const first = bench();
    const nvram = await openFleetNvram({ store, timers, logger: logged().logger });
    const board = first.board('gw-001');
    nvram.attach(board, 'gateway');
    board.power.restore();
    board.nvram.commit(bytes('{"licenses":["L-1"]}'));
    await nvram.close();
    // Closed: a commit now is not heard, as after the service stopped.
    board.nvram.commit(bytes('{"late":true}'));
    await timers.advance(10 * SAVE_AFTER_MS);

    const again = bench().board('gw-001');
    expect(again.identity.hardwareId).toBe(board.identity.hardwareId);
    const { logger, lines } = logged();
    (await openFleetNvram({ store, timers, logger })).attach(again, 'gateway');
    // Programmed with the power left off, as the firmware expects to find its board.
    expect(again.power.isOn()).toBe(false);
    expect(boot(again)).toBe('{"licenses":["L-1"]}');
    expect(lines).toEqual([]);
  });

  it('refuses a corrupt, foreign or malformed image with a logged reason and leaves that board blank', async () => {
    const { store } = countingStore();
    const timers = new VirtualClock();
    const { board } = bench();
    const boards = ['gw-001', 'gw-002', 'gw-003', 'gw-004', 'gw-005'].map((id) => board(id));
    const put = (id: string, data: Record<string, unknown>) => store.transaction((tx) => tx.records.put({ kind: NVRAM_KIND, id, accountId: null, data, updatedAt: 0 }));
    const image = bytes('{"a":1}');
    const good = (board: EmulatedBoard) => ({
      format: 'fleetrig.nvram/1', family: 'gateway', hardwareId: board.identity.hardwareId, bytes: image.length, crc32: crc32(image), image: Buffer.from(image).toString('base64'),
    });
    await put('gw-001', { ...good(boards[0]!), crc32: 12345 });
    await put('gw-002', { ...good(boards[1]!), bytes: 99 });
    await put('gw-003', { format: 'fleetrig.nvram/1', image: 42 });
    await put('gw-004', { ...good(boards[3]!), hardwareId: '009033000000' });
    await put('gw-005', { ...good(boards[4]!), family: 'smartserver' });

    const { logger, lines } = logged();
    const nvram = await openFleetNvram({ store, timers, logger });
    for (const board of boards) nvram.attach(board, 'gateway');
    expect(boards.map(boot)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(lines.map((l) => [l.fields.device, l.message])).toEqual(boards.map((b) => [b.id, 'nvram image refused']));
    const reasons = lines.map((l) => String(l.fields.reason));
    expect(reasons[0]).toBe(`the saved NVRAM image of gw-001 is corrupt: it decodes to 7 bytes with CRC-32 ${crc32(image)}, but was saved as 7 bytes with CRC-32 12345`);
    expect(reasons[1]).toMatch(/^the saved NVRAM image of gw-002 is corrupt: it decodes to 7 bytes .* saved as 99 bytes/);
    expect(reasons[2]).toMatch(/^the saved NVRAM image of gw-003: family: /);
    expect(reasons[3]).toBe(`the saved NVRAM image of gw-004 belongs to another board (gateway 009033000000; this one is gateway ${boards[3]!.identity.hardwareId})`);
    expect(reasons[4]).toMatch(/^the saved NVRAM image of gw-005 belongs to another board \(smartserver /);

    // A blank device's first commit replaces the bad record.
    boards[0]!.nvram.commit(bytes('{"fresh":true}'));
    await nvram.close();
    expect(await saved(store, 'gw-001')).toMatchObject({ image: Buffer.from('{"fresh":true}').toString('base64') });
  });

  it('keeps the commits of a failed write and writes them at the next try, logging the failure', async () => {
    const { store, failNext } = countingStore();
    const timers = new VirtualClock();
    const { logger, lines } = logged();
    const nvram = await openFleetNvram({ store, timers, logger });
    const board = bench().board('gw-001');
    nvram.attach(board, 'gateway');
    board.power.restore();
    board.nvram.commit(bytes('{"v":1}'));
    failNext();
    await timers.advance(SAVE_AFTER_MS);
    expect(lines).toEqual([{ message: 'nvram save failed', fields: { devices: ['gw-001'], reason: 'connection lost' } }]);
    expect(await saved(store, 'gw-001')).toBeUndefined();
    await timers.advance(5_000);
    expect(await saved(store, 'gw-001')).toMatchObject({ image: Buffer.from('{"v":1}').toString('base64') });
  });
});
