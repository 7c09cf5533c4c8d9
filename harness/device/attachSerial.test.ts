import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createBoard } from '../../emulator/board/createBoard.ts';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createFactory, manufacture } from '../../emulator/identity/manufacture.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import type { Uart } from '../../emulator/uart/Uart.ts';
import { unwrap } from '../../protocol/result.ts';
import { attachSerial } from './attachSerial.ts';

function board() {
  const clock = new VirtualClock();
  const random = createRandom('attach-serial');
  const identity = manufacture(createFactory({ random: random.fork('factory'), clock }), { random: random.fork('identity'), family: 'gateway' });
  return { clock, board: createBoard({ id: 'gw-001', clock, random, identity, link: createMemoryLinkPair().a }) };
}

describe('attachSerial', () => {
  it('runs the stdio console on the board\'s own UART, with this terminal on its host end', async () => {
    const { clock, board: b } = board();
    const stdin = new PassThrough();
    let out = '';
    const consoles: Uart[] = [];
    let stopped = 0;
    const startConsole = (uart: Uart): (() => void) => {
      consoles.push(uart);
      return () => void stopped++;
    };
    const typed: string[] = [];
    b.uart.onData((bytes) => typed.push(Buffer.from(bytes).toString('utf8')));
    const attached = unwrap(await attachSerial({ mode: { kind: 'stdio' }, board: b, clock, startConsole, stdin, stdout: { write: (t: string) => void (out += t) } }));
    expect(consoles).toEqual([b.uart]);
    stdin.write('status\n');
    b.uart.write(Buffer.from('gw-001> '));
    await vi.waitFor(() => expect(typed.join('')).toBe('status\n'));
    await vi.waitFor(() => expect(out).toBe('gw-001> '));
    await attached.close();
    expect(stopped).toBe(1);
  });

  it('refuses stdio without a terminal to run on', async () => {
    const { clock, board: b } = board();
    expect(await attachSerial({ mode: { kind: 'stdio' }, board: b, clock, startConsole: () => () => {} })).toMatchObject({ ok: false, error: { code: 'NO_TERMINAL' } });
  });
});
