import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../../emulator/board/createBoard.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createUartPair } from '../../emulator/uart/createUartPair.ts';
import { familyModules } from '../../harness/catalogue.ts';
import { createTestServer, type TestServer } from '../../license-server/testing/createTestServer.ts';
import { encodeSerialFrame } from '../../protocol/serialFrame.ts';
import type { Appliance } from '../shared/Appliance.ts';
import type { ConsoleCommands } from './ConsoleCommands.ts';
import { createConsole, MAX_LINE_BYTES, MAX_QUEUED_LINES } from './createConsole.ts';
import type { ConsoleStats } from './SerialConsole.ts';

const CR = 0x0d, LF = 0x0a, NUL = 0x00, BS = 0x08, DEL = 0x7f, ETX = 0x03;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What the console must do with any bytes at all, on each family's real firmware and command
 * table: never throw, send only valid UTF-8, answer every line or count its refusal.
 */
describe('serial console under random bytes, every family', () => {
  let t: TestServer;
  const appliances = new Map<string, { appliance: Appliance; commands: ConsoleCommands; reset: () => void }>();

  beforeAll(async () => {
    t = await createTestServer({ seed: 'console-fuzz' });
    for (const family of familyModules) {
      const pair = createMemoryLinkPair();
      t.server.serveLink(pair.b);
      const board = createBoard({ id: `${family.prefix}-001`, clock: t.clock, random: createRandom(`fuzz/${family.family}`), identity: t.device(family.family), link: pair.a });
      const appliance = family.create({ board, vendorPublicKey: t.server.vendorPublicKey });
      appliance.start();
      appliances.set(family.family, { appliance, commands: family.console?.(appliance) ?? {}, reset: () => board.reset() });
    }
    await t.clock.advance(60_000);
  });
  afterAll(async () => {
    for (const { appliance } of appliances.values()) appliance.stop();
    await t.close();
  });

  /** A fresh console session on a family's appliance: what it sent back, and its counters, once every line is answered. */
  const session = async (familyId: string, chunks: readonly Uint8Array[]): Promise<{ output: Buffer; stats: ConsoleStats }> => {
    const { appliance, commands, reset } = appliances.get(familyId)!;
    const uart = createUartPair();
    const out: Uint8Array[] = [];
    uart.host.onData((bytes) => out.push(bytes));
    const serial = createConsole({ uart: uart.board, appliance, commands, clock: t.clock, reset });
    try {
      for (const chunk of chunks) uart.host.write(chunk);
      // Commands that reach the portal or wait on the firmware take virtual time: let it pass.
      await t.clock.advance(0);
      let done = false;
      void serial.idle().then(() => (done = true));
      for (let i = 0; i < 200 && !done; i++) await t.clock.advance(5_000);
      expect(done, 'every line answered').toBe(true);
      await t.clock.advance(0);
      return { output: Buffer.concat(out), stats: serial.stats() };
    } finally {
      serial.close();
    }
  };

  const counted = (s: ConsoleStats): number => s.lines + s.garbage + s.overlong + s.framesOk + s.framesCorrupt + s.dropped;

  /** A line's bytes: no line end, erase, Ctrl-C or NUL, so where one line ends is plain. */
  const plain = (b: number): boolean => ![CR, LF, NUL, BS, DEL, ETX].includes(b);
  /** A line the console answers with a prompt only, counting nothing: blank text. */
  const blank = (bytes: Uint8Array): boolean => {
    try {
      const text = utf8.decode(bytes);
      return text.trim() === '' && !/(?!\t)\p{Cc}/u.test(text);
    } catch {
      return false;
    }
  };

  const words = ['status', 'help', 'stats', 'licenses', 'download', 'reboot', 'account', 'enrollment', 'product', 'entitlements', 'users', 'diag', 'channels', 'devices', 'heartbeat', 'adduser', 'grant', 'calls', 'configure', 'help status', '"unterminated'];
  const byteLine = fc.uint8Array({ minLength: 0, maxLength: 40 }).map((b) => b.filter(plain));
  const textLine = fc.oneof(
    fc.constantFrom(...words).map((w) => Buffer.from(w)),
    fc.tuple(fc.constantFrom(...words), fc.string({ unit: 'grapheme', maxLength: 12 })).map(([w, arg]) => Buffer.from(`${w} ${arg}`).filter(plain)),
    fc.constant(Buffer.from(encodeSerialFrame('{"id":"fuzz-1"}'))),
    fc.constant(Buffer.from(encodeSerialFrame('{"id":"fuzz-2"}').replace('eyJ', 'eyK'))),
    fc.integer({ min: MAX_LINE_BYTES - 2, max: MAX_LINE_BYTES + 40 }).map((n) => Buffer.alloc(n, 0x41)),
  );
  const line = fc.oneof({ weight: 3, arbitrary: textLine }, { weight: 2, arbitrary: byteLine });
  const ending = fc.constantFrom('\r', '\n', '\r\n');
  const lines = fc.array(fc.tuple(line, ending), { minLength: 1, maxLength: 60 });

  /** Splits bytes at random points, as a TCP socket or a pty might deliver them. */
  const chunked = (bytes: Buffer, cuts: readonly number[]): Uint8Array[] => {
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    return [...at, bytes.length].map((end, i) => bytes.subarray(i === 0 ? 0 : at[i - 1]!, end)).filter((c) => c.length > 0);
  };

  for (const family of familyModules) {
    it(`${family.family}: answers or counts every line of a random burst, and sends only valid UTF-8`, async () => {
      await fc.assert(fc.asyncProperty(lines, fc.array(fc.nat(), { maxLength: 6 }), async (input, cuts) => {
        const bytes = Buffer.concat(input.flatMap(([body, end]) => [body, Buffer.from(end)]));
        const { output, stats } = await session(family.family, chunked(bytes, cuts));
        expect(() => utf8.decode(output)).not.toThrow();
        expect(counted(stats)).toBe(input.filter(([body]) => !blank(body)).length);
        expect(stats.dropped).toBe(0);
      }), { numRuns: 100 });
    }, 60_000);

    it(`${family.family}: survives any bytes at all, sends only valid UTF-8, and still answers status`, async () => {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (noise) => {
        const { output, stats } = await session(family.family, [noise, Buffer.from('\r\x03status\r')]);
        const text = utf8.decode(output);
        expect(text).toMatch(/device\s+\S+\r\nfamily\s+/);
        expect(stats.lines).toBeGreaterThanOrEqual(1);
        expect(stats.dropped).toBe(0);
      }), { numRuns: 100 });
    }, 60_000);
  }

  it(`refuses the lines of a burst past ${MAX_QUEUED_LINES} waiting with counted BUSY lines, and answers the rest`, async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...familyModules.map((f) => f.family)), async (extra, familyId) => {
      const { output, stats } = await session(familyId, [Buffer.from('help\r'.repeat(MAX_QUEUED_LINES + extra))]);
      const text = utf8.decode(output);
      expect(stats).toMatchObject({ lines: MAX_QUEUED_LINES, dropped: extra });
      expect(text.match(/error BUSY: /g)).toHaveLength(1);
      expect(text).toContain(`error BUSY: ${extra === 1 ? '1 line' : `${extra} lines`} refused`);
    }), { numRuns: 10 });
  }, 60_000);
});
