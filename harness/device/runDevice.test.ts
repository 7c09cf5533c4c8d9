import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeSerialFrame } from '../../protocol/serialFrame.ts';
import { unwrap } from '../../protocol/result.ts';
import { openPty } from './openPty.ts';
import { runDevice, type RunningDevice } from './runDevice.ts';
import { openTcpTerminal, type TcpTerminal } from './testing/tcpTerminal.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import { createUartPair } from '../../emulator/uart/createUartPair.ts';
import { createRandom } from '../../emulator/random/Random.ts';

describe('runDevice', () => {
  const running: RunningDevice[] = [];
  const terminals: TcpTerminal[] = [];
  afterEach(async () => {
    for (const t of terminals.splice(0)) t.close();
    for (const d of running.splice(0)) await d.close();
  });
  const start = async (options: Partial<Parameters<typeof runDevice>[0]> = {}): Promise<RunningDevice> => {
    const device = unwrap(await runDevice({ family: 'gateway', serial: { kind: 'tcp', port: 0 }, seed: 7, ...options }));
    running.push(device);
    return device;
  };
  const terminal = async (device: RunningDevice): Promise<TcpTerminal> => {
    const term = await openTcpTerminal({ port: Number(new URL(device.serial).port), prompt: `${device.deviceId}> ` });
    terminals.push(term);
    await term.until(0, (t) => t.endsWith(`${device.deviceId}> `));
    return term;
  };

  it('serves the console on a TCP port: one session per connection, each with its own counters', async () => {
    const device = await start();
    expect(device).toMatchObject({ deviceId: 'gw-001', serial: expect.stringMatching(/^tcp:\/\/127\.0\.0\.1:\d+$/), transport: expect.stringContaining('memory link') });
    const one = await terminal(device);
    const two = await terminal(device);
    expect(await one.command('status')).toMatch(/^family\s+gateway\nstate\s+(booting|running)$/m);
    expect(await two.command('help')).toContain('testmode on|off');
    await one.command('x\x01');
    expect(await one.command('stats')).toMatch(/^garbage\s+1$/m);
    expect(await two.command('stats')).toMatch(/^garbage\s+0$/m);
  });

  it.each([
    ['gateway', 'testmode on|off'],
    ['smartserver', 'customerid <id>'],
    ['video', 'configure <setting> <value>'],
    ['audio', 'enroll <accountId> <token>'],
  ])('offers the %s family\'s own console commands beside the built-in ones', async (family, usage) => {
    const help = await (await terminal(await start({ family }))).command('help');
    expect(help).toContain(usage);
    expect(help).toMatch(/^status\b/m);
  });

  it('refuses garbage bytes, a corrupt frame and a 1 MiB line on the port, counts each, and keeps answering', async () => {
    const term = await terminal(await start());
    expect(await term.command(Uint8Array.from([0xff, 0x00, 0xfe, 0x1b]))).toMatch(/^error GARBAGE: /);
    expect(await term.command('status')).toMatch(/^state\s+(booting|running)$/m);
    const from = term.output().length;
    term.send(`${encodeSerialFrame('{"id":"r1"}').replace('*', 'x*')}\r`);
    expect(await term.until(from, (t) => t.includes('~!'))).toMatch(/\n~!CRC serial frame: CRC mismatch/);
    expect(await term.command('status')).toMatch(/^state\s+(booting|running)$/m);
    expect(await term.command('B'.repeat(1024 * 1024))).toMatch(/^error LINE_TOO_LONG: line refused: 1048576 bytes/);
    const stats = await term.command('stats');
    expect(stats).toMatch(/^garbage\s+1$/m);
    expect(stats).toMatch(/^framesCorrupt\s+1$/m);
    expect(stats).toMatch(/^overlong\s+1$/m);
    expect(stats).toMatch(/^lines\s+3$/m);
  });

  it.each(['gateway', 'smartserver', 'video', 'audio'])('%s over TCP: answers 40 pasted status lines, then takes a 4 KiB noise burst without dropping a line', async (family) => {
    const device = await start({ family });
    const term = await terminal(device);
    const prompt = `${device.deviceId}> `;
    const from = term.output().length;
    term.send('status\r'.repeat(40));
    const text = await term.until(from, (t) => t.split(prompt).length - 1 === 40);
    expect(text.match(new RegExp(`^(${prompt})?family\\s+${family}$`, 'gm'))).toHaveLength(40);
    term.send(createRandom(`noise/${family}`).bytes(4096));
    // The noise's own lines are answered first; a Ctrl-C ends a line it left open.
    const after = term.output().length;
    term.send('\r\x03status\rstats\r');
    const stats = await term.until(after, (t) => /\ndropped\s+\d+\n/.test(t));
    expect(stats).toMatch(new RegExp(`^(${prompt})?family\\s+${family}$`, 'm'));
    expect(stats).toMatch(/^dropped\s+0$/m);
    expect(stats).toMatch(/^garbage\s+[1-9]\d*$/m);
  });

  it('runs the console on a terminal\'s stdin and stdout, and says when stdin ends', async () => {
    const stdin = new PassThrough();
    let out = '';
    const device = await start({ serial: { kind: 'stdio' }, stdin, stdout: { write: (t: string) => (out += t) } });
    expect(device.serial).toBe('stdio');
    stdin.write('status\n');
    await vi.waitFor(() => expect(out).toMatch(/family\s+gateway\r\n/));
    expect(out).not.toContain('status\r\n'); // the terminal echoes, not the console
    stdin.end();
    expect(await device.ended).toBe('stdin closed');
  });

  it('refuses an unknown family, naming the known ones, and a port already taken', async () => {
    expect(await runDevice({ family: 'toaster', serial: { kind: 'stdio' }, seed: 1 })).toMatchObject({
      ok: false, error: { code: 'UNKNOWN_FAMILY', message: expect.stringContaining('known: gateway') },
    });
    const first = await start();
    const port = Number(new URL(first.serial).port);
    expect(await runDevice({ family: 'gateway', serial: { kind: 'tcp', port }, seed: 1 })).toMatchObject({
      ok: false, error: { code: 'PORT_IN_USE', message: expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`) },
    });
  });

  it('says how to install socat when it is missing', async () => {
    const pty = await openPty({ uart: createUartPair().host, clock: new WallClock(), socat: '/nonexistent/socat' });
    expect(pty).toEqual({ ok: false, error: { code: 'SOCAT_MISSING', message: 'socat not installed: run .ci/system-deps (or apt-get install socat)' } });
  });
});
