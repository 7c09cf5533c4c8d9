import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { httpClient } from '../../license-server/testing/httpTestClient.ts';
import { openLicenseFile } from '../../protocol/licenseFile.ts';
import { unwrap } from '../../protocol/result.ts';
import { decodeSerialFrame } from '../../protocol/serialFrame.ts';

const REPO = join(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'bin', 'fleetrig.js');
// Debian's Python, where python3-serial and python3-cryptography are installed (.ci/system-deps).
const PYTHON = '/usr/bin/python3';

/** The Python block of docs/firmware-developers.md between its serial-client markers. */
function serialClient(): string {
  const doc = readFileSync(join(REPO, 'docs', 'firmware-developers.md'), 'utf8');
  const block = /<!-- serial-client:start -->\s*```python\n([\s\S]*?)```\s*<!-- serial-client:end -->/.exec(doc);
  if (!block) throw new Error('docs/firmware-developers.md has no serial-client block');
  return block[1]!;
}

/**
 * Checks only the framing: a frame with one payload character changed, then a `~!` line, then a
 * good frame of `{"id":"r1"}`; prints the first two lines read back.
 */
const REFUSALS_CLIENT = `
import sys, serial
port = serial.Serial(sys.argv[1], 115200, timeout=10)
port.reset_input_buffer()
port.write(b'~eyJpZCI6InIxIn1*252d3857\\r\\n')
print(port.readline().decode().strip())
port.write(b'~!CRC serial frame: CRC mismatch: the line says 00000000, its payload gives 12345678\\r\\n')
port.write(b'~eyJpZCI6InIxIn0*252d3857\\r\\n')
print(port.readline().decode().strip())
`;

/** A child process's output, line by line, with a wait for the first line that matches. */
function lines(stream: NodeJS.ReadableStream): { all: string[]; next(match: RegExp): Promise<string> } {
  const all: string[] = [];
  const waiting: { match: RegExp; resolve: (line: string) => void }[] = [];
  createInterface({ input: stream }).on('line', (line) => {
    all.push(line);
    for (const wait of waiting.splice(0)) {
      if (wait.match.test(line)) wait.resolve(line);
      else waiting.push(wait);
    }
  });
  return {
    all,
    next: (match) => new Promise((resolve) => waiting.push({ match, resolve })),
  };
}

interface Socat {
  child: ChildProcess;
  exited: Promise<unknown>;
}

/** Two connected ptys, linked as `a` and `b`; resolves once socat moves data between them. */
async function ptyPair(a: string, b: string): Promise<Socat> {
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = lines(child.stderr!).next(/starting data transfer loop/);
  await Promise.race([ready, exited.then(() => Promise.reject(new Error('socat ended before its ptys were ready (is it installed? .ci/system-deps)')))]);
  return { child, exited };
}

interface Running {
  child: ChildProcess;
  first: string;
  http: string;
  token: string;
  stderr: ReturnType<typeof lines>;
  exited: Promise<number | null>;
}

/** `fleetrig serve --serial …` as its own process on free ports; resolves once its first two lines are out. */
async function serve(dir: string, serial: string): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'serve', '--http-port', '0', '--mqtt-port', '0', '--store', join(dir, 's.db'), '--serial', serial], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stderr = lines(child.stderr!);
  const stdout = lines(child.stdout!);
  await Promise.race([stdout.next(/^administrator token /), exited.then((code) => Promise.reject(new Error(`serve exited ${code}: ${stderr.all.join('\n')}`)))]);
  const [first, second] = stdout.all;
  const [, http] = /· (http:\S+) · mqtt:\S+ ·/.exec(first!)!;
  const [, token] = /^administrator token (\S+)$/.exec(second!)!;
  return { child, first: first!, http: http!, token: token!, stderr, exited };
}

function python(dir: string, name: string, script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, name);
  writeFileSync(file, script);
  return spawnSync(PYTHON, [file, ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe('fleetrig serve --serial on a pty pair (socat)', () => {
  const processes: ChildProcess[] = [];
  afterEach(() => {
    for (const child of processes.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('[GW-8] licenses a gateway whose firmware speaks only the framed protocol, refuses corrupt frames, never answers ~! lines, and outlives a lost pty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-serial-'));
    const [line, firmware] = [join(dir, 'A'), join(dir, 'B')];
    let socat = await ptyPair(line, firmware);
    processes.push(socat.child);
    const service = await serve(dir, line);
    processes.push(service.child);
    expect(service.first).toMatch(new RegExp(`^fleetrig serve · http://127\\.0\\.0\\.1:\\d+ · mqtt://127\\.0\\.0\\.1:\\d+ · store \\S+ · serial ${line}@115200$`));

    // A foreign gateway, registered over HTTP: its certificate and key are all the script knows.
    const api = httpClient(service.http, { token: service.token });
    const device = (await api.call('POST', '/api/v1/devices', { family: 'gateway' })).body as { hardwareId: string };
    writeFileSync(join(dir, 'device.json'), JSON.stringify(device));
    const client = serialClient();
    const licensed = python(dir, 'serial_license.py', client, [firmware, join(dir, 'device.json')]);
    expect(licensed.stderr).toBe('');
    expect(licensed.status).toBe(0);
    const vendor = ((await api.call('GET', '/api/v1/keys')).body as { vendor: string }).vendor;
    expect(unwrap(openLicenseFile(licensed.stdout.trim(), vendor, device.hardwareId))).toMatchObject({ featureCode: 'TEST-ALL', kind: 'test', hardwareId: device.hardwareId });
    const metrics = await (await fetch(`${service.http}/metrics`)).text();
    expect(metrics).toMatch(/fleetrig_device_requests_total\{op="gateway\.testLicense",outcome="ok"\} 1/);

    // A corrupt frame gets its refusal; the ~! line sent back gets nothing, so the next line is the good frame's reply.
    const framing = python(dir, 'refusals.py', REFUSALS_CLIENT, [firmware]);
    expect(framing.stderr).toBe('');
    const [refusal, next] = framing.stdout.trim().split('\n');
    expect(refusal).toBe('~!CRC serial frame: CRC mismatch: the line says 252d3857, its payload gives 522a08c1');
    expect(JSON.parse(unwrap(decodeSerialFrame(next!)))).toMatchObject({ id: 'r1', ok: false, error: { code: 'BAD_REQUEST' } });

    // The pty goes away under the service: logged, the service stays up, and the line is reopened once it is back.
    const lost = service.stderr.next(/serial port lost; reopening/);
    socat.child.kill('SIGTERM');
    await socat.exited;
    expect(await lost).toContain(`"serial":"${line}@115200"`);
    expect((await api.call('GET', '/healthz')).status).toBe(200);
    const reopened = service.stderr.next(/serial port reopened/);
    socat = await ptyPair(line, firmware);
    processes.push(socat.child);
    await reopened;
    const again = python(dir, 'serial_license.py', client, [firmware, join(dir, 'device.json')]);
    expect(again.stderr).toMatch(/^TEST_LICENSE_ALREADY_ISSUED: /);
    expect(again.status).toBe(1);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    socat.child.kill('SIGTERM');
    await socat.exited;
  }, 90_000);

  it('exits 1 with one SERIAL_UNAVAILABLE line when a port cannot be opened, leaving nothing running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetrig-serial-'));
    const missing = join(dir, 'no-such-tty');
    const run = spawnSync(process.execPath, [BIN, 'serve', '--http-port', '0', '--mqtt-port', '0', '--store', join(dir, 's.db'), '--serial', missing], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`fleetrig serve: SERIAL_UNAVAILABLE: cannot open the serial port ${missing}@115200: No such file or directory, cannot open ${missing}\n`);
  }, 90_000);
});
