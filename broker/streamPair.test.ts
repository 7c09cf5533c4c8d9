import { describe, expect, it } from 'vitest';
import { streamPair } from './streamPair.ts';

describe('streamPair', () => {
  it('hands a reader everything written so far in one read() or read(null), however many writes it took (Node 26 gives one chunk)', async () => {
    const [a, b] = streamPair();
    const reads: string[] = [];
    const readable = new Promise<void>((resolve) => a.once('readable', () => {
      reads.push((a.read() as Buffer).toString('hex'));
      resolve();
    }));
    b.write(Buffer.from('10', 'hex'));
    b.write(Buffer.from('0d', 'hex'));
    b.write(Buffer.from('0004', 'hex'));
    await readable;
    expect(reads).toEqual(['100d0004']);
    // aedes reads with read(null).
    const again = new Promise<string>((resolve) => a.once('readable', () => resolve((a.read(null as unknown as undefined) as Buffer).toString('hex'))));
    b.write(Buffer.from('20', 'hex'));
    b.write(Buffer.from('02', 'hex'));
    expect(await again).toBe('2002');
  });

  it('carries both ways, and ending one side ends the other\'s reading', async () => {
    const [a, b] = streamPair();
    const got: string[] = [];
    b.on('data', (chunk: Buffer) => got.push(chunk.toString()));
    const ended = new Promise<void>((resolve) => b.once('end', resolve));
    a.write('hello');
    a.end();
    b.resume();
    await ended;
    expect(got).toEqual(['hello']);
    const back = new Promise<string>((resolve) => a.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    b.write('again');
    expect(await back).toBe('again');
  });
});
