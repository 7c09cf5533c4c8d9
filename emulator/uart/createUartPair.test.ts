import { describe, it, expect } from 'vitest';
import { createUartPair } from './createUartPair.ts';
import { CONSOLE_LINE, describeLine } from './Uart.ts';

const text = (chunks: Uint8Array[]): string => Buffer.concat(chunks).toString('latin1');

describe('createUartPair', () => {
  it('carries bytes both ways, in order, on a later microtask', async () => {
    const pair = createUartPair();
    const atBoard: Uint8Array[] = [];
    const atHost: Uint8Array[] = [];
    pair.board.onData((b) => atBoard.push(b));
    pair.host.onData((b) => atHost.push(b));
    pair.host.write(Buffer.from('sta'));
    pair.host.write(Buffer.from('tus\r'));
    pair.board.write(Uint8Array.of(0x00, 0xff, 0x0a));
    expect(atBoard).toEqual([]);
    await Promise.resolve();
    expect(text(atBoard)).toBe('status\r');
    expect([...Buffer.concat(atHost)]).toEqual([0x00, 0xff, 0x0a]);
    expect(pair.counts()).toEqual({ toBoard: 7, toHost: 3 });
  });

  it('delivers a copy, so the writer may reuse its buffer', async () => {
    const pair = createUartPair();
    const got: Uint8Array[] = [];
    pair.board.onData((b) => got.push(b));
    const buffer = Buffer.from('ab');
    pair.host.write(buffer);
    buffer.fill(0);
    await Promise.resolve();
    expect(text(got)).toBe('ab');
  });

  it('gives each pair its own wire and stops delivering to a handler that unsubscribed', async () => {
    const one = createUartPair();
    const two = createUartPair();
    const got: string[] = [];
    const off = one.board.onData((b) => got.push(`one:${text([b])}`));
    two.board.onData((b) => got.push(`two:${text([b])}`));
    one.host.write(Buffer.from('a'));
    two.host.write(Buffer.from('b'));
    await Promise.resolve();
    off();
    one.host.write(Buffer.from('c'));
    await Promise.resolve();
    expect(got).toEqual(['one:a', 'two:b']);
  });

  it('uses the console line settings, 115200 8N1', () => {
    expect(createUartPair().board.settings).toEqual({ baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 });
    expect(describeLine(CONSOLE_LINE)).toBe('115200 8N1');
  });
});
