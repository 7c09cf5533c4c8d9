import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { createUartPair, type UartPair } from '../../emulator/uart/createUartPair.ts';
import { encodeSerialFrame } from '../../protocol/serialFrame.ts';
import type { Appliance, ApplianceState } from '../shared/Appliance.ts';
import type { ConsoleCommands } from './ConsoleCommands.ts';
import { createConsole, MAX_LINE_BYTES, MAX_QUEUED_LINES } from './createConsole.ts';
import type { SerialConsole } from './SerialConsole.ts';
import { openMockTerminal, resetMockPorts, type MockTerminal } from './testing/mockTerminal.ts';

/** A family whose license changes wait for a reset, as a gateway's do (GW-5). */
type ToasterState = ApplianceState & { readonly pendingReset: boolean };

/** An appliance with a settable state; counts the resets the console asks for. */
function fakeAppliance(state: ToasterState) {
  const appliance: Appliance<ToasterState> & { state: ToasterState } = {
    deviceId: state.deviceId, family: state.family, state,
    start() {}, stop() {}, snapshot: () => appliance.state, onChange: () => () => {}, history: () => [],
  };
  return appliance;
}

const running: ToasterState = {
  deviceId: 'dev-001', family: 'toaster', state: 'running', pendingReset: true,
  licenses: [{ licenseId: 'LIC-1', featureCode: 'Crumbs', count: 3, status: 'active' }],
};

describe('serial console (over serialport\'s MockBinding)', () => {
  let uart: UartPair;
  let appliance: ReturnType<typeof fakeAppliance>;
  let serial: SerialConsole;
  let term: MockTerminal;
  let resets: number;
  let family: ConsoleCommands;

  const start = async (commands: ConsoleCommands = family) => {
    // The terminal is attached first: what a board writes to a line nobody listens on is lost.
    term = await openMockTerminal({ uart: uart.host, prompt: 'dev-001> ' });
    serial = createConsole({ uart: uart.board, appliance, commands, clock: new VirtualClock(), reset: () => resets++ });
    await term.until(0, (t) => t.endsWith('dev-001> '));
  };

  beforeEach(() => {
    resetMockPorts();
    uart = createUartPair();
    appliance = fakeAppliance(running);
    resets = 0;
    family = {
      toast: { usage: 'toast <slices> [level]', summary: 'make toast', run: ([n, level = 'medium']) => `toasting ${n} at ${level}` },
      slow: { usage: 'slow', summary: 'takes its time', run: async () => { await Promise.resolve(); return 'slow done'; } },
      broken: { usage: 'broken', summary: 'throws', run: () => { throw new Error('heating element missing'); } },
    };
  });
  afterEach(async () => {
    serial.close();
    await term.close();
  });

  it('greets with its line settings and the prompt <deviceId>> ', async () => {
    await start();
    expect(term.output()).toBe('\nfleetrig toaster dev-001: serial console, 115200 8N1. Type help for the commands.\ndev-001> ');
  });

  it('answers status with the appliance\'s state, family, licenses and pending reset', async () => {
    await start();
    const answer = await term.command('status');
    expect(answer).toMatch(/^device\s+dev-001$/m);
    expect(answer).toMatch(/^family\s+toaster$/m);
    expect(answer).toMatch(/^state\s+running$/m);
    expect(answer).toMatch(/^licenses\s+1 in force$/m);
    expect(answer).toMatch(/^ {2}LIC-1\s+Crumbs x3 active$/m);
    expect(answer).toMatch(/^pendingReset\s+yes/m);
    expect(answer).toMatch(/^time\s+2026-01-01T00:00:00.000Z$/m);
  });

  it('lists built-in and family commands in help, and shows one command\'s usage', async () => {
    await start();
    const help = await term.command('help');
    for (const usage of ['help [command]', 'status', 'reboot', 'stats', 'toast <slices> [level]']) expect(help).toContain(usage);
    expect(await term.command('help toast')).toBe('usage: toast <slices> [level]\nmake toast');
    expect(await term.command('help nope')).toBe("error UNKNOWN_COMMAND: no command 'nope'; type help for the list");
  });

  it('runs family commands with their arguments, quoted words kept together', async () => {
    await start();
    expect(await term.command('toast 2')).toBe('toasting 2 at medium');
    expect(await term.command('toast "two slices"   dark')).toBe('toasting two slices at dark');
    expect(await term.command('toast')).toBe('error USAGE: usage: toast <slices> [level]');
    expect(await term.command('toast 1 2 3')).toBe('error USAGE: usage: toast <slices> [level]');
    expect(await term.command('toast "2')).toBe('error BAD_QUOTES: unterminated quote at column 7');
    expect(await term.command('fly')).toBe("error UNKNOWN_COMMAND: no command 'fly'; type help for the list");
  });

  it('reboots through the reset line, and refuses while the appliance is off', async () => {
    await start();
    expect(await term.command('reboot')).toBe('rebooting dev-001; type status to see it boot');
    expect(resets).toBe(1);
    appliance.state = { ...running, state: 'off' };
    expect(await term.command('reboot')).toBe('error NOT_RUNNING: dev-001 is off; there is nothing to reboot');
    expect(resets).toBe(1);
  });

  it('answers a command that throws with an error line and keeps going', async () => {
    await start();
    expect(await term.command('broken')).toBe('error INTERNAL: broken failed inside the firmware: heating element missing');
    expect(await term.command('toast 1')).toBe('toasting 1 at medium');
  });

  it('answers lines in the order typed, even behind a slow command', async () => {
    await start();
    const from = term.output().length;
    await term.send('slow\rtoast 1\r');
    const text = await term.until(from, (t) => t.includes('toasting'));
    expect(text.indexOf('slow done')).toBeLessThan(text.indexOf('toasting 1'));
  });

  it('answers 40 status lines pasted at once, each in turn', async () => {
    await start();
    const from = term.output().length;
    await term.send('status\r'.repeat(40));
    const text = await term.until(from, (t) => (t.match(/dev-001> /g) ?? []).length === 40);
    // Typed ahead, each answer after the first follows the prompt of the one before.
    expect(text.match(/^(dev-001> )?device\s+dev-001$/gm)).toHaveLength(40);
    expect(serial.stats()).toMatchObject({ lines: 40, dropped: 0, garbage: 0 });
  });

  it('refuses the lines past the queue behind a slow command with one BUSY line, counted as dropped, in their place', async () => {
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await start({ ...family, hold: { usage: 'hold', summary: 'waits for the test', run: async () => { await gate; return 'held'; } } });
    const from = term.output().length;
    // The slow command, then the queue's worth of lines, then 9 more of which 3 are noise.
    await term.send(`hold\r${'toast 1\r'.repeat(MAX_QUEUED_LINES - 1)}${'toast 2\r'.repeat(6)}${'\x00\x01\r'.repeat(3)}`);
    await vi.waitFor(() => expect(serial.stats().dropped).toBe(9));
    release();
    await term.send('toast 3\r');
    const text = await term.until(from, (t) => t.includes('toasting 3'));
    expect(text.match(/toasting 1/g)).toHaveLength(MAX_QUEUED_LINES - 1);
    expect(text).not.toContain('toasting 2');
    expect(text).not.toContain('GARBAGE');
    expect(text).toMatch(new RegExp(`dev-001> error BUSY: 9 lines refused: ${MAX_QUEUED_LINES} lines were already waiting for an answer; send them again after the prompt\\ndev-001> toast 3\\ntoasting 3`));
    expect(text.lastIndexOf('toasting 1')).toBeLessThan(text.indexOf('error BUSY'));
    expect(serial.stats()).toMatchObject({ lines: MAX_QUEUED_LINES + 1, dropped: 9, garbage: 0 });
  });

  it('echoes bytes that are not UTF-8 as U+FFFD, never raw, and refuses their line as garbage', async () => {
    await start();
    const raw: Buffer[] = [];
    term.port.on('data', (chunk: Buffer) => raw.push(chunk));
    expect(await term.command(Uint8Array.from([0x61, 0xff, 0xfe, 0xc3]))).toMatch(/^error GARBAGE: /);
    const echoed = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(raw));
    expect(echoed.startsWith('a\ufffd\ufffd\ufffd\r\n')).toBe(true);
  });

  it('ends lines with CR, LF or CRLF, and erases with backspace', async () => {
    await start();
    const from = term.output().length;
    await term.send('toast 1\ntoast 2\r\ntoast 3\rtoast 9\b4\x7f5\r');
    const text = await term.until(from, (t) => t.includes('toasting 5'));
    expect(text.match(/toasting \d/g)).toEqual(['toasting 1', 'toasting 2', 'toasting 3', 'toasting 5']);
    expect(text).toContain('toast 9\b \b4\b \b5');
  });

  it('refuses garbage bytes with one error line, counts them, and keeps answering', async () => {
    await start();
    const answer = await term.command(Uint8Array.from([0x00, 0xff, 0x1b, 0x5b, 0x41, 0xc3, 0x28, 0x07]));
    expect(answer).toBe('error GARBAGE: line refused: 8 bytes that are not all printable text (binary data, or the wrong line settings? use 115200 8N1)');
    expect(serial.stats()).toMatchObject({ garbage: 1, lines: 0 });
    expect(await term.command('status')).toMatch(/^state\s+running$/m);
  });

  it('refuses a 1 MiB line without holding it, counts it, and keeps answering', async () => {
    await start();
    const from = term.output().length;
    const answer = await term.command('A'.repeat(1024 * 1024));
    expect(answer).toBe(`error LINE_TOO_LONG: line refused: 1048576 bytes, more than the ${MAX_LINE_BYTES}-byte limit; the whole line was discarded`);
    // The echo stops at the limit: a megabyte in is not a megabyte back.
    expect(term.output().length - from).toBeLessThan(MAX_LINE_BYTES + 300);
    expect(serial.stats()).toMatchObject({ overlong: 1 });
    expect(await term.command('status')).toMatch(/^state\s+running$/m);
  });

  it('takes frames without echo, refuses a corrupt one with ~!CRC, counts both, and keeps answering', async () => {
    await start();
    const got: string[] = [];
    serial.onFrame((m) => got.push(m));
    const frame = encodeSerialFrame('{"id":"r1"}');
    const from = term.output().length;
    await term.send(`${frame}\r`);
    await vi.waitFor(() => expect(got).toEqual(['{"id":"r1"}']));
    const corrupt = frame.replace('eyJ', 'eyK');
    await term.send(`${corrupt}\r`);
    const refusal = await term.until(from, (t) => t.includes('\n~!'));
    expect(refusal).toMatch(/^\n~!CRC serial frame: CRC mismatch: the line says 252d3857, its payload gives [0-9a-f]{8}\n$/);
    expect(refusal).not.toContain(corrupt);
    expect(serial.stats()).toMatchObject({ framesOk: 1, framesCorrupt: 1, lines: 0 });
    expect(await term.command('status')).toMatch(/^state\s+running$/m);
    const stats = await term.command('stats');
    expect(stats).toMatch(/^framesOk\s+1$/m);
    expect(stats).toMatch(/^framesCorrupt\s+1$/m);
    expect(stats).toMatch(/^lines\s+2$/m);
  });

  it('sends frames on a line of their own, after the prompt', async () => {
    await start();
    const from = term.output().length;
    serial.sendFrame('{"id":"r2","ok":true,"body":{}}');
    const text = await term.until(from, (t) => t.endsWith('\n'));
    expect(text).toBe(`\n${encodeSerialFrame('{"id":"r2","ok":true,"body":{}}')}\n`);
  });

  it('drops a Ctrl-C\'d line and shows a fresh prompt', async () => {
    await start();
    const from = term.output().length;
    await term.send('toast 7\x03');
    const text = await term.until(from, (t) => t.endsWith('dev-001> '));
    expect(text).toBe('toast 7^C\ndev-001> ');
    expect(await term.command('toast 8')).toBe('toasting 8 at medium');
  });

  it('refuses a family command named like a built-in', () => {
    expect(() => createConsole({ uart: uart.board, appliance, commands: { status: family.toast! }, clock: new VirtualClock(), reset: () => {} }))
      .toThrow(/'status' clashes with the built-in/);
    serial = createConsole({ uart: uart.board, appliance, commands: {}, clock: new VirtualClock(), reset: () => {} });
    term = { close: async () => {} } as MockTerminal;
  });
});
