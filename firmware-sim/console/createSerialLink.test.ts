import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBoard } from '../../emulator/board/createBoard.ts';
import { Listeners, type Link } from '../../emulator/link/Link.ts';
import { createRandom } from '../../emulator/random/Random.ts';
import { createUartPair, type UartPair } from '../../emulator/uart/createUartPair.ts';
import { createTestServer, type TestServer } from '../../license-server/testing/createTestServer.ts';
import { encodeSerialFrame } from '../../protocol/serialFrame.ts';
import { createGateway } from '../gateway/createGateway.ts';
import type { Gateway } from '../gateway/Gateway.ts';
import { gatewayConsole } from '../gateway/gatewayConsole.ts';
import { BOOT_TIME_MS } from '../gateway/gatewayMachine.ts';
import { createConsole } from './createConsole.ts';
import { createSerialLink } from './createSerialLink.ts';
import type { SerialConsole } from './SerialConsole.ts';
import { serialHostLink, type SerialHostLink } from './serialHostLink.ts';

/**
 * One cable carries both: a person's commands and the license messages the device exchanges
 * with the license server, framed between them. Host side: a terminal and the server's link.
 */
describe('license messages over the serial line', () => {
  let t: TestServer;
  let uart: UartPair;
  let gateway: Gateway;
  let serial: SerialConsole;
  let host: SerialHostLink;
  let screen: string;

  beforeEach(async () => {
    t = await createTestServer();
    uart = createUartPair();
    screen = '';
    uart.host.onData((bytes) => (screen += Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n')));
    // The board is built before its console exists, so its link forwards to the serial link made next.
    const frames = new Listeners<string>();
    const late: { link?: Link } = {};
    const link: Link = { send: (f) => late.link?.send(f), onFrame: (h) => frames.add(h), isUp: () => late.link?.isUp() ?? false, onStatus: () => () => {} };
    const board = createBoard({ id: 'gw-001', clock: t.clock, random: createRandom('serial-link'), identity: t.device('gw1'), link });
    gateway = createGateway({ board, vendorPublicKey: t.server.vendorPublicKey });
    serial = createConsole({ uart: uart.board, appliance: gateway, commands: gatewayConsole(gateway), clock: t.clock, reset: () => board.reset() });
    late.link = createSerialLink(serial);
    late.link.onFrame((f) => frames.emit(f));
    host = serialHostLink({ uart: uart.host });
    t.server.serveLink(host);
    gateway.start();
    await t.clock.advance(BOOT_TIME_MS);
  });
  afterEach(async () => {
    gateway.stop();
    serial.close();
    host.close();
    await t.close();
  });

  const type = async (line: string): Promise<string> => {
    const from = screen.length;
    uart.host.write(Buffer.from(`${line}\r`));
    await t.clock.advanceUntil(() => screen.slice(from).endsWith('\ngw-001> '), 60_000);
    return screen.slice(from);
  };

  it('[GW-8] a device fetches its test license from the server through frames on its console line', async () => {
    const answer = await type('testlicense');
    expect(answer).toMatch(/^added \S+ TEST-ALL x1 test active until 2026-04-01T\S+ \(pending: in force after reboot\); reboot to apply$/m);
    expect(t.server.linkStats()).toMatchObject({ requests: 1, rejected: 0, dropped: 0 });
    expect(serial.stats()).toMatchObject({ framesOk: 1, framesCorrupt: 0, lines: 1 });
    // Between the frames the host saw the console's own text, and skipped it.
    expect(host.stats()).toMatchObject({ framesOk: 1, framesCorrupt: 0, refusals: 0 });
    expect(host.stats().otherLines).toBeGreaterThan(0);
    expect(await type('testlicense')).toMatch(/^error TEST_LICENSE_ALREADY_ISSUED: /m);
  });

  it('answers 40 pasted lines line by line, a portal request among them, its frames passing between the answers', async () => {
    const from = screen.length;
    uart.host.write(Buffer.from(`${'status\r'.repeat(20)}testlicense\r${'status\r'.repeat(19)}`));
    await t.clock.advanceUntil(() => (screen.slice(from).match(/gw-001> /g) ?? []).length === 40, 60_000);
    const text = screen.slice(from);
    expect(text.match(/^(gw-001> )?device\s+gw-001$/gm)).toHaveLength(39);
    expect(text).toMatch(/^(gw-001> )?added \S+ TEST-ALL x1 test active until /m);
    expect(serial.stats()).toMatchObject({ lines: 40, framesOk: 1, dropped: 0 });
  });

  it('refuses a frame corrupted on the wire with ~!CRC, which the host counts, and keeps the link working', async () => {
    const refusals: string[] = [];
    host.onRefusal((line) => refusals.push(line));
    const frame = encodeSerialFrame('{"id":"r1","ok":true,"body":{}}');
    const flipped = frame[8] === 'A' ? 'B' : 'A';
    uart.host.write(Buffer.from(`${frame.slice(0, 8)}${flipped}${frame.slice(9)}\r\n`));
    uart.host.write(Buffer.from(`${frame.slice(0, 8)}#${frame.slice(9)}\r\n`));
    await t.clock.advance(1);
    expect(refusals).toEqual([
      expect.stringMatching(/^~!CRC serial frame: CRC mismatch/),
      expect.stringMatching(/^~!FORMAT serial frame: character 9 is not base64url/),
    ]);
    expect(host.stats().refusals).toBe(2);
    expect(serial.stats()).toMatchObject({ framesCorrupt: 2, framesOk: 0 });
    expect(await type('download')).toMatch(/\ninstalled none\nremoved none\nunchanged none\ngw-001> $/);
  });

  it('goes down when the console closes: frames sent then are lost, as on a pulled cable', async () => {
    const link = createSerialLink(serial);
    const statuses: boolean[] = [];
    link.onStatus((up) => statuses.push(up));
    serial.close();
    expect(link.isUp()).toBe(false);
    expect(statuses).toEqual([false]);
    const before = screen.length;
    link.send('{"id":"lost"}');
    await t.clock.advance(1);
    expect(screen.length).toBe(before);
  });
});
