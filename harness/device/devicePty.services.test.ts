import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { constants, openSync, readFileSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { provenBody } from '../../firmware-sim/shared/provenBody.ts';
import { encodeSerialFrame } from '../../protocol/serialFrame.ts';
import { manufactureDevice } from './manufactureDevice.ts';

/**
 * The host program docs/firmware-developers.md shows (pyserial): it frames the request itself
 * (base64url, CRC-32 from zlib), skips console text, and prints the first good reply frame.
 */
function documentedPythonHost(): string {
  const doc = readFileSync('docs/firmware-developers.md', 'utf8');
  const block = /<!-- framed-host:start -->\s*```python\n([\s\S]*?)```\s*<!-- framed-host:end -->/.exec(doc);
  if (!block) throw new Error('docs/firmware-developers.md has no framed-host block');
  return block[1]!;
}

function socatInstalled(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v socat'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The firmware developer's path end to end: the real CLI in a child process makes a real pty,
 * and the tests open it as serial programs would: with no serial library at all, and as the
 * documented pyserial host speaking framed requests.
 */
describe('fleetrig device --serial pty', () => {
  let child: ChildProcess | undefined;
  const streams: { destroy(): void }[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.destroy();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  const start = async (): Promise<{ path: string; stderr: () => string }> => {
    if (!socatInstalled()) throw new Error('socat not installed: run .ci/system-deps');
    child = spawn(process.execPath, ['bin/fleetrig.js', 'device', 'gateway', '--serial', 'pty', '--seed', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    await vi.waitFor(() => {
      if (!stdout.includes('\n')) throw new Error(`no path yet; stderr: ${stderr}`);
    }, { timeout: 15_000, interval: 50 });
    const path = /^serial: (\/dev\/pts\/\d+)\n/.exec(stdout)?.[1];
    expect(path, `first line of stdout: ${stdout}`).toBeDefined();
    return { path: path!, stderr: () => stderr };
  };

  /** The pty opened as a terminal program opens it; `screen` is what it has shown so far, CR LF read as LF. */
  const openTerminal = (path: string): { output: WriteStream; screen: () => string } => {
    const fd = openSync(path, constants.O_RDWR | constants.O_NOCTTY);
    const input = new ReadStream(fd);
    const output = new WriteStream(fd);
    streams.push(input, output);
    let screen = '';
    input.on('data', (c: Buffer) => (screen += c.toString('utf8').replace(/\r\n/g, '\n')));
    return { output, screen: () => screen };
  };

  it('prints a device path; status and a carriage return written to it bring back the appliance\'s status; bad input is refused and counted', async () => {
    const { path, stderr } = await start();
    const { output, screen } = openTerminal(path);
    const type = async (bytes: string | Uint8Array, until: RegExp): Promise<string> => {
      const from = screen().length;
      output.write(bytes);
      await vi.waitFor(() => {
        if (!until.test(screen().slice(from))) throw new Error(`waiting for ${until}; got ${JSON.stringify(screen().slice(from).slice(-200))}`);
      }, { timeout: 10_000, interval: 20 });
      return screen().slice(from);
    };

    expect(await type('status\r', /gw-001> $/)).toMatch(/^device\s+gw-001\nfamily\s+gateway\nstate\s+(booting|running)$/m);
    expect(await type(Uint8Array.from([0x00, 0xff, 0x1b, 0x0d]), /gw-001> $/)).toMatch(/^error GARBAGE: /m);
    expect(await type(`${encodeSerialFrame('{"id":"r1"}').replace('*', 'Q*')}\r`, /~!CRC .*\n/)).toMatch(/CRC mismatch/);
    expect(await type(`${'Z'.repeat(1024 * 1024)}\r`, /gw-001> $/)).toMatch(/^error LINE_TOO_LONG: line refused: 1048576 bytes/m);
    const stats = await type('stats\r', /gw-001> $/);
    expect(stats).toMatch(/^garbage\s+1$/m);
    expect(stats).toMatch(/^framesCorrupt\s+1$/m);
    expect(stats).toMatch(/^overlong\s+1$/m);
    expect(await type('status\r', /gw-001> $/)).toMatch(/^state\s+(booting|running)$/m);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr()).toContain('SIGINT received; gw-001 stopped');
  }, 30_000);

  it('answers 40 status lines pasted at once on the pty, each of them, none dropped', async () => {
    const { path } = await start();
    const { output, screen } = openTerminal(path);
    output.write('status\r');
    await vi.waitFor(() => expect(screen()).toMatch(/^state\s+(booting|running)$/m), { timeout: 10_000, interval: 20 });
    const from = screen().length;
    output.write(`${'status\r'.repeat(40)}stats\r`);
    await vi.waitFor(() => expect(screen().slice(from)).toMatch(/dropped\s+\d+\ngw-001> $/), { timeout: 10_000, interval: 20 });
    const text = screen().slice(from);
    expect(text.match(/^(gw-001> )?device\s+gw-001$/gm)).toHaveLength(40);
    expect(text).toMatch(/^dropped\s+0$/m);
  }, 30_000);

  it('[GW-8] answers a framed gateway.testLicense request that the documented pyserial host writes on the pty with the reply frame', async () => {
    const { path, stderr } = await start();
    // The device of --seed 1, as the factory built it: its key signs the request's proof.
    const { identity } = manufactureDevice({ seed: 1, family: 'gateway', clock: new VirtualClock() });
    const id = 'pyserial-1';
    const request = { id, op: 'gateway.testLicense', deviceId: 'gw-001', body: provenBody({ identity, op: 'gateway.testLicense', subject: [] })(id) };
    const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', documentedPythonHost(), path, JSON.stringify(request)], { timeout: 20_000 });
    const reply = JSON.parse(stdout) as { id: string; ok: boolean; body: { file: string } };
    expect(reply, stderr()).toMatchObject({ id, ok: true, body: { file: expect.stringMatching(/^LIC1\./) } });
    expect(JSON.parse(Buffer.from(reply.body.file.split('.')[1]!, 'base64url').toString())).toMatchObject({ hardwareId: identity.hardwareId, featureCode: 'TEST-ALL', kind: 'test' });
  }, 30_000);
});
