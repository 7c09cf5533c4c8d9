import { describe, it, expect } from 'vitest';
import { createBoard, type CreateBoardOptions } from './createBoard.ts';
import { VirtualClock } from '../clock/VirtualClock.ts';
import { createRandom } from '../random/Random.ts';
import { createMemoryLinkPair } from '../link/memoryLinkPair.ts';
import { createFactory, manufacture } from '../identity/manufacture.ts';
import { PowerLossError } from '../nvram/Nvram.ts';

function options(overrides: Partial<CreateBoardOptions> = {}): CreateBoardOptions {
  const clock = new VirtualClock();
  const random = createRandom('board-1');
  const identity = manufacture(createFactory({ random: createRandom(1), clock }), { random, family: 'gateway' });
  return { id: 'gw-1', clock, random, identity, link: createMemoryLinkPair().a, ...overrides };
}

describe('createBoard', () => {
  it('is built with the power off and a blank NVRAM', () => {
    const board = createBoard(options());
    expect(board.power.isOn()).toBe(false);
    expect(() => board.nvram.read()).toThrow(PowerLossError);
    board.power.restore();
    expect(board.nvram.read()).toBeUndefined();
  });

  it('hands back the parts it was given', () => {
    const given = options();
    const board = createBoard(given);
    expect(board.id).toBe('gw-1');
    expect(board.clock).toBe(given.clock);
    expect(board.random).toBe(given.random);
    expect(board.identity).toBe(given.identity);
    expect(board.link).toBe(given.link);
  });

  it('signals a reset to its listeners only while powered', () => {
    const board = createBoard(options());
    let resets = 0;
    const stop = board.onReset(() => resets++);
    board.reset();
    expect(resets).toBe(0);
    board.power.restore();
    board.reset();
    board.reset();
    expect(resets).toBe(2);
    stop();
    board.reset();
    expect(resets).toBe(2);
  });

  it('keeps NVRAM across a reset and a power cycle', () => {
    const board = createBoard(options());
    board.power.restore();
    board.nvram.commit(Uint8Array.of(1, 2, 3));
    board.reset();
    board.power.cut();
    board.power.restore();
    expect(board.nvram.read()).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('wires its NVRAM to its own supply, so an armed cut tears a commit', () => {
    const board = createBoard(options({ nvramCapacity: 1024, nvramPageSize: 64 }));
    board.power.restore();
    board.nvram.commit(Uint8Array.of(7));
    board.power.cutAfterWrites(1);
    expect(() => board.nvram.commit(new Uint8Array(300).fill(9))).toThrow(PowerLossError);
    expect(board.power.isOn()).toBe(false);
    board.power.restore();
    expect(board.nvram.read()).toEqual(Uint8Array.of(7));
    expect(() => board.nvram.commit(new Uint8Array(1025))).toThrow(/capacity of 1024 bytes/);
  });

  it('gives each board its own parts', () => {
    const a = createBoard(options());
    const b = createBoard(options({ id: 'gw-2' }));
    a.power.restore();
    expect(b.power.isOn()).toBe(false);
    expect(a.nvram).not.toBe(b.nvram);
  });

  it('has its own serial line: what the host end writes its UART reads, and back, at 115200 8N1', async () => {
    const a = createBoard(options());
    const b = createBoard(options({ id: 'gw-2' }));
    const atA: string[] = [];
    const atB: string[] = [];
    const atHost: string[] = [];
    a.uart.onData((bytes) => atA.push(Buffer.from(bytes).toString('latin1')));
    b.uart.onData((bytes) => atB.push(Buffer.from(bytes).toString('latin1')));
    a.serialHost.onData((bytes) => atHost.push(Buffer.from(bytes).toString('latin1')));
    a.serialHost.write(Buffer.from('status\r'));
    a.uart.write(Buffer.from('gw-1> '));
    await Promise.resolve();
    expect(atA.join('')).toBe('status\r');
    expect(atHost.join('')).toBe('gw-1> ');
    expect(atB).toEqual([]);
    expect(a.uart.settings).toEqual({ baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 });
    expect(a.serialHost.settings).toEqual(a.uart.settings);
    expect(a.uart).not.toBe(b.uart);
  });

  it('refuses an empty id', () => {
    expect(() => createBoard(options({ id: '' }))).toThrow(/id must be a non-empty name/);
  });
});
