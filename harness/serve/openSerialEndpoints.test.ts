import { Duplex, PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeSerialFrame, encodeSerialFrame } from '../../protocol/serialFrame.ts';
import { unwrap } from '../../protocol/result.ts';
import { testLicenseRequest } from '../../license-server/portals/gateway/testing/gatewayPortalRig.ts';
import { createTestServer, type TestServer } from '../../license-server/testing/createTestServer.ts';
import { openSerialEndpoints } from './openSerialEndpoints.ts';
import type { OpenedSerialPort, OpenSerialPort } from './openSerialPort.ts';
import type { SerialPortSpec } from './serialPortSpec.ts';

/** A port the fake opener handed out: the firmware's side of it, and a way to pull its plug. */
interface FakePort extends OpenedSerialPort {
  readonly written: string[];
  readonly closed: boolean;
  write(text: string): void;
  unplug(reason: string): void;
}

function fakePort(): FakePort {
  const toEndpoint = new PassThrough();
  const fromEndpoint = new PassThrough();
  const written: string[] = [];
  fromEndpoint.on('data', (chunk: Buffer) => written.push(...chunk.toString('utf8').split('\r\n').filter((line) => line !== '')));
  const lost: ((reason: string) => void)[] = [];
  let closed = false;
  return {
    stream: Duplex.from({ readable: toEndpoint, writable: fromEndpoint }),
    written,
    get closed() {
      return closed;
    },
    write: (text) => void toEndpoint.write(text),
    onLost: (handler) => void lost.push(handler),
    async close() {
      closed = true;
    },
    unplug(reason) {
      closed = true;
      for (const handler of lost) handler(reason);
    },
  };
}

/** Opens ports from a script per path: a port, or the reason it cannot be opened, one entry per attempt. */
function fakeOpener(script: Record<string, (FakePort | string)[]>): { open: OpenSerialPort; attempts: string[] } {
  const attempts: string[] = [];
  const open: OpenSerialPort = async (spec: SerialPortSpec) => {
    attempts.push(spec.path);
    const next = script[spec.path]?.shift() ?? 'No such file or directory';
    if (typeof next === 'string') throw new Error(next);
    return next;
  };
  return { open, attempts };
}

interface Logged {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

describe('openSerialEndpoints: serve --serial', () => {
  let t: TestServer;
  let logged: Logged[];
  const logger = {
    info: (fields: Record<string, unknown>, message: string) => void logged.push({ level: 'info', message, fields }),
    warn: (fields: Record<string, unknown>, message: string) => void logged.push({ level: 'warn', message, fields }),
  };
  beforeEach(async () => {
    t = await createTestServer();
    logged = [];
  });
  afterEach(async () => {
    await t.close();
  });

  const request = (id: string): string => {
    const body = testLicenseRequest(t.device('gw1'), id);
    return `${encodeSerialFrame(JSON.stringify({ id, op: 'gateway.testLicense', deviceId: 'gw-x001', body }))}\r\n`;
  };
  /** Lets the streams deliver and the server answer until `port` has written `count` lines (a bounded number of turns). */
  const settle = async (port: FakePort, count: number): Promise<void> => {
    for (let turn = 0; turn < 100 && port.written.length < count; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      await t.clock.quiesce();
    }
  };
  const start = (open: OpenSerialPort, ports: SerialPortSpec[]) =>
    openSerialEndpoints({ ports, serve: (link) => t.server.serveLink(link), clock: t.clock, logger, open, policy: { initialMs: 100, factor: 2, maxMs: 400 } });

  it('[GW-8] serves the license messages on every port given, and closes them all', async () => {
    const [a, b] = [fakePort(), fakePort()];
    const serial = unwrap(await start(fakeOpener({ '/dev/ttyA': [a], '/dev/ttyB': [b] }).open, [{ path: '/dev/ttyA', baudRate: 115_200 }, { path: '/dev/ttyB', baudRate: 9600 }]));
    expect(serial.ports).toEqual(['/dev/ttyA@115200', '/dev/ttyB@9600']);
    b.write(request('s1'));
    await settle(b, 1);
    expect(JSON.parse(unwrap(decodeSerialFrame(b.written[0]!)))).toMatchObject({ id: 's1', ok: true });
    expect(a.written).toEqual([]);
    await serial.close();
    expect([a.closed, b.closed]).toEqual([true, true]);
    expect(serial.endpoints.map((endpoint) => endpoint.isUp())).toEqual([false, false]);
  });

  it('fails SERIAL_UNAVAILABLE naming the port when one cannot be opened at start, and leaves none open', async () => {
    const a = fakePort();
    const { open } = fakeOpener({ '/dev/ttyA': [a], '/dev/ttyB': ['Permission denied, cannot open /dev/ttyB'] });
    const started = await start(open, [{ path: '/dev/ttyA', baudRate: 115_200 }, { path: '/dev/ttyB', baudRate: 115_200 }]);
    expect(started).toEqual({
      ok: false,
      error: { code: 'SERIAL_UNAVAILABLE', message: 'cannot open the serial port /dev/ttyB@115200: Permission denied, cannot open /dev/ttyB', where: 'serial' },
    });
    expect(a.closed).toBe(true);
  });

  it('[GW-8] logs a port that goes away, reopens it with backoff, and answers a re-sent request from the cache', async () => {
    const [first, second] = [fakePort(), fakePort()];
    const { open, attempts } = fakeOpener({ '/dev/ttyUSB0': [first, 'No such file or directory', 'No such file or directory', second] });
    const serial = unwrap(await start(open, [{ path: '/dev/ttyUSB0', baudRate: 115_200 }]));
    first.write(request('s1'));
    await settle(first, 1);
    first.unplug('disconnected');
    expect(logged.at(-1)).toEqual({ level: 'warn', message: 'serial port lost; reopening', fields: { serial: '/dev/ttyUSB0@115200', reason: 'disconnected' } });
    expect(serial.endpoints[0]!.isUp()).toBe(false);

    // Attempts after 100, 200 and 400 ms: two fail, the third finds the device back.
    await t.clock.advance(100);
    await t.clock.advance(199);
    expect(attempts).toHaveLength(2);
    await t.clock.advance(1);
    await t.clock.advance(400);
    expect(attempts).toHaveLength(4);
    expect(logged.at(-1)).toEqual({ level: 'info', message: 'serial port reopened', fields: { serial: '/dev/ttyUSB0@115200', attempts: 3 } });
    expect(serial.endpoints[0]!.isUp()).toBe(true);

    second.write(request('s1'));
    await settle(second, 1);
    expect(second.written).toEqual(first.written);
    expect(t.server.linkStats()).toMatchObject({ requests: 2, duplicates: 1 });
    await serial.close();
    expect(second.closed).toBe(true);
  });

  it('stops reopening once closed', async () => {
    const first = fakePort();
    const { open, attempts } = fakeOpener({ '/dev/ttyUSB0': [first] });
    const serial = unwrap(await start(open, [{ path: '/dev/ttyUSB0', baudRate: 115_200 }]));
    first.unplug('disconnected');
    await t.clock.advance(100);
    expect(attempts).toHaveLength(2);
    await serial.close();
    await t.clock.advance(10_000);
    expect(attempts).toHaveLength(2);
  });
});
