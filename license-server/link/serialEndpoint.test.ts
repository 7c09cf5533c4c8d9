import { createRequire } from 'node:module';
import { Duplex, PassThrough } from 'node:stream';
import type * as BindingMock from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
import { SerialPortStream } from '@serialport/stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLicenseFile } from '../../protocol/licenseFile.ts';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { unwrap } from '../../protocol/result.ts';
import { decodeSerialFrame, encodeSerialFrame } from '../../protocol/serialFrame.ts';
import { testLicenseRequest } from '../portals/gateway/testing/gatewayPortalRig.ts';
import { createTestServer, type TestServer } from '../testing/createTestServer.ts';
import { serialEndpoint, type SerialEndpoint, type SerialTrouble } from './serialEndpoint.ts';

// The package's ESM entry has no types, so load the CommonJS entry its types describe.
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as typeof BindingMock;

/** The firmware's end of the line: writes raw lines, reads every line the endpoint wrote. */
interface FarEnd {
  readonly stream: Duplex;
  readonly lines: string[];
  write(text: string): void;
}

function farEnd(): FarEnd {
  const toEndpoint = new PassThrough();
  const fromEndpoint = new PassThrough();
  const lines: string[] = [];
  let pending = '';
  fromEndpoint.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString('utf8')).split('\r\n');
    pending = parts.pop()!;
    lines.push(...parts);
  });
  return { stream: Duplex.from({ readable: toEndpoint, writable: fromEndpoint }), lines, write: (text) => toEndpoint.write(text) };
}

/** The reply a frame line carries, parsed. */
function reply(line: string | undefined): Record<string, unknown> {
  return JSON.parse(unwrap(decodeSerialFrame(line ?? '(no line)'))) as Record<string, unknown>;
}

const frameLine = (message: unknown): string => `${encodeSerialFrame(JSON.stringify(message))}\r\n`;

describe('serialEndpoint: the license server on a framed serial line', () => {
  let t: TestServer;
  let endpoint: SerialEndpoint;
  let troubles: SerialTrouble[];
  let stop: () => void;
  beforeEach(async () => {
    t = await createTestServer();
    troubles = [];
    endpoint = serialEndpoint({ onTrouble: (trouble) => troubles.push(trouble) });
    stop = t.server.serveLink(endpoint);
  });
  afterEach(async () => {
    stop();
    await t.close();
  });

  /** Lets the streams deliver and the server answer until `lines` has `count` lines (a bounded number of turns). */
  const settle = async (end: FarEnd, count: number): Promise<void> => {
    for (let turn = 0; turn < 100 && end.lines.length < count; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      await t.clock.quiesce();
    }
  };

  it('[GW-8] answers a proven test-license request frame with a frame carrying the license file', async () => {
    const end = farEnd();
    endpoint.attach(end.stream);
    const gw = t.device('gw1');
    end.write(frameLine({ id: 's1', op: 'gateway.testLicense', deviceId: 'gw-x001', body: testLicenseRequest(gw, 's1') }));
    await settle(end, 1);
    expect(end.lines).toHaveLength(1);
    expect(end.lines[0]).toMatch(/^~[A-Za-z0-9_-]+\*[0-9a-f]{8}$/);
    const answer = reply(end.lines[0]) as { id: string; ok: boolean; body: { file: string } };
    expect(answer).toMatchObject({ id: 's1', ok: true });
    expect(unwrap(openLicenseFile(answer.body.file, t.server.vendorPublicKey, gw.hardwareId))).toMatchObject({ featureCode: 'TEST-ALL', kind: 'test' });
    expect(endpoint.stats()).toMatchObject({ framesOk: 1, framesCorrupt: 0 });
  });

  it('refuses a corrupt frame with a ~!CRC line, counts it, and keeps answering', async () => {
    const end = farEnd();
    endpoint.attach(end.stream);
    end.write('~eyJpZCI6InIxIn1*252d3857\r\n');
    await settle(end, 1);
    expect(end.lines).toEqual(['~!CRC serial frame: CRC mismatch: the line says 252d3857, its payload gives 522a08c1']);
    end.write(frameLine({ id: 'r2', op: 'gateway.upgrade', deviceId: 'gw-x001', body: {} }));
    await settle(end, 2);
    expect(reply(end.lines[1])).toMatchObject({ id: 'r2', ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect(endpoint.stats()).toMatchObject({ framesOk: 1, framesCorrupt: 1 });
    expect(troubles).toEqual([{ kind: 'corrupt', detail: end.lines[0] }]);
  });

  it('never answers a ~! line, and skips text that is not a frame, counting both', async () => {
    const end = farEnd();
    endpoint.attach(end.stream);
    end.write('~!CRC serial frame: CRC mismatch: the line says 00000000, its payload gives 12345678\r\n');
    end.write('U-Boot 2024.01 (Jan 01 2026)\r\ngw> \r\n');
    end.write(frameLine({ id: 'r1', op: 'gateway.upgrade', deviceId: 'gw-x001', body: {} }));
    await settle(end, 1);
    expect(end.lines).toHaveLength(1);
    expect(reply(end.lines[0])).toMatchObject({ id: 'r1' });
    expect(endpoint.stats()).toEqual({ framesOk: 1, framesCorrupt: 0, refusals: 1, otherLines: 2, unsent: 0 });
    expect(troubles.map((trouble) => trouble.kind)).toEqual(['refusal']);
  });

  it('refuses a bad format, a line that is not UTF-8, and an over-long frame line, each with its ~! line', async () => {
    const end = farEnd();
    endpoint.attach(end.stream);
    end.write('~eyJpZCI6I#xIn0*252d3857\r\n');
    end.write(Buffer.from([0x7e, 0xc3, 0x28, 0x0d, 0x0a]) as unknown as string);
    end.write(`~${'A'.repeat(90_000)}*00000000\r\n`);
    await settle(end, 3);
    expect(end.lines).toEqual([
      '~!FORMAT serial frame: character 11 is not base64url (A-Z a-z 0-9 - _)',
      '~!FORMAT serial frame: the line is not UTF-8 text',
      '~!SIZE serial frame: 90010 bytes exceeds the 87392-byte limit; the whole line was discarded',
    ]);
    expect(endpoint.stats().framesCorrupt).toBe(3);
  });

  it('[GW-8] answers a repeated request ID from the cache, across a cable pulled and plugged in again', async () => {
    const gw = t.device('gw1');
    const request = frameLine({ id: 's1', op: 'gateway.testLicense', deviceId: 'gw-x001', body: testLicenseRequest(gw, 's1') });
    const first = farEnd();
    const status: boolean[] = [];
    endpoint.onStatus((up) => status.push(up));
    endpoint.attach(first.stream);
    first.write(request);
    await settle(first, 1);
    first.stream.destroy();
    await settle(first, 2);
    expect(endpoint.isUp()).toBe(false);

    const second = farEnd();
    endpoint.attach(second.stream);
    second.write(request);
    await settle(second, 1);
    expect(status).toEqual([true, false, true]);
    expect(second.lines[0]).toBe(first.lines[0]);
    expect(t.server.linkStats()).toMatchObject({ requests: 2, duplicates: 1 });
    expect((await t.server.audit()).filter((e) => e.action === 'testLicense.issue')).toHaveLength(1);
  });

  it('loses what is sent while no line is attached, and does not write a reply too large for a frame', () => {
    endpoint.send('{"id":"lost"}');
    expect(endpoint.isUp()).toBe(false);
    const end = farEnd();
    endpoint.attach(end.stream);
    endpoint.send(`{"id":"big","pad":"${'x'.repeat(MAX_FRAME_BYTES)}"}`);
    expect(endpoint.stats().unsent).toBe(1);
    expect(troubles).toEqual([{ kind: 'oversized', detail: expect.stringContaining('not sent') as string }]);
  });

  it("works over serialport's own stream (the mock binding), as serve opens a port", async () => {
    MockBinding.reset();
    MockBinding.createPort('/dev/ttyFLEETRIG9', { echo: false, record: true });
    const port = new SerialPortStream({ binding: MockBinding, path: '/dev/ttyFLEETRIG9', baudRate: 115_200 });
    await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
    endpoint.attach(port);
    port.port!.emitData(frameLine({ id: 'm1', op: 'gateway.upgrade', deviceId: 'gw-x001', body: {} }));
    const recorded = (): string => port.port!.recording.toString('utf8');
    for (let turn = 0; turn < 100 && !recorded().endsWith('\r\n'); turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      await t.clock.quiesce();
    }
    expect(reply(recorded().trimEnd())).toMatchObject({ id: 'm1', ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    await new Promise<void>((resolve) => port.close(() => resolve()));
    expect(endpoint.isUp()).toBe(false);
  });
});
