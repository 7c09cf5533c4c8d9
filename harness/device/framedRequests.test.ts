import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { provenBody } from '../../firmware-sim/shared/provenBody.ts';
import { unwrap } from '../../protocol/result.ts';
import { createCatalogue } from '../catalogue.ts';
import { createService } from '../serve/createService.ts';
import { silentLogger } from '../serve/serviceLog.ts';
import { runDevice, type RunDeviceOptions, type RunningDevice } from './runDevice.ts';
import { frameLine, framesIn } from './testing/handMadeFrames.ts';
import { openTcpTerminal, type TcpTerminal } from './testing/tcpTerminal.ts';

const MINUTE = 60_000;

/**
 * A host with only a UART speaks the wire protocol on the console, one frame per line, and
 * `fleetrig device` answers on the same line, as a modem to the portal would: from the
 * in-process license server, or relayed to a joined service over the device's own MQTT link.
 */
describe('fleetrig device: framed requests on the console', () => {
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });

  async function start(options: Partial<RunDeviceOptions> = {}): Promise<{ device: RunningDevice; term: TcpTerminal; clock: VirtualClock }> {
    const clock = new VirtualClock();
    const device = unwrap(await runDevice({ family: 'gateway', serial: { kind: 'tcp', port: 0 }, seed: 21, clock, ...options }));
    open.push(device);
    const term = await openTcpTerminal({ port: Number(new URL(device.serial).port), prompt: `${device.deviceId}> ` });
    open.push(term);
    await term.until(0, (t) => t.endsWith(`${device.deviceId}> `));
    return { device, term, clock };
  }

  /** Writes a request frame and waits for the reply frame to its ID. */
  async function ask(term: TcpTerminal, request: { id: string } & Record<string, unknown>): Promise<Record<string, unknown>> {
    const from = term.output().length;
    term.send(frameLine(request));
    const text = await term.until(from, (t) => framesIn(t).some((f) => f.id === request.id));
    return framesIn(text).find((f) => f.id === request.id)!;
  }
  const testLicenseRequest = (device: RunningDevice, id: string, deviceId = device.deviceId) => ({
    id, op: 'gateway.testLicense', deviceId, body: provenBody({ identity: device.identity, op: 'gateway.testLicense', subject: [] })(id),
  });

  it('[GW-8] answers a gateway.testLicense frame from the in-process portal with the reply frame, whose file the console installs', async () => {
    const { device, term, clock } = await start();
    const reply = await ask(term, testLicenseRequest(device, 'host-1'));
    expect(reply).toMatchObject({ id: 'host-1', ok: true, body: { file: expect.stringMatching(/^LIC1\./) } });
    const file = String((reply.body as { file: string }).file);
    expect(JSON.parse(Buffer.from(file.split('.')[1]!, 'base64url').toString())).toMatchObject({ hardwareId: device.identity.hardwareId, kind: 'test' });
    expect(await ask(term, testLicenseRequest(device, 'host-2'))).toMatchObject({ ok: false, error: { code: 'TEST_LICENSE_ALREADY_ISSUED' } });
    expect(await term.command('stats')).toMatch(/^framesOk\s+2$/m);
    await clock.advance(MINUTE);
    expect(await term.command(`add ${file}`)).toMatch(/^added \S+ TEST-ALL x1 test active /);
  });

  it('refuses a frame naming another device with FORBIDDEN, and passes a bad envelope to the server to answer', async () => {
    const { device, term } = await start();
    expect(await ask(term, testLicenseRequest(device, 'host-3', 'gw-002'))).toEqual({
      id: 'host-3', ok: false,
      error: { code: 'FORBIDDEN', message: 'this serial line is gw-001\'s: a request for "gw-002" is not passed on; send deviceId "gw-001"' },
    });
    expect(await ask(term, { id: 'host-4', op: 'gateway.testLicense', body: {} })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('deviceId') } });
    expect(await ask(term, { id: 'host-5', op: 'gateway.upgrade', deviceId: 'gw-001', body: {} })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('[GW-6] keeps the appliance\'s own portal traffic apart: its download still works beside the host\'s frames', async () => {
    const { device, term, clock } = await start();
    await clock.advance(MINUTE);
    expect(await ask(term, testLicenseRequest(device, 'host-6'))).toMatchObject({ ok: true });
    const download = await term.command('download');
    for (const [label, value] of device.portal!.holds) if (label.startsWith('license ')) expect(download).toContain(value.split(' ')[0]);
    expect(download).toMatch(/^installed .*\nremoved none/);
    expect(await term.command('testlicense')).toMatch(/^error TEST_LICENSE_ALREADY_ISSUED: /);
  });

  it('[GW-8] with --server, relays the frame over the device\'s MQTT link and gives the reply to the console only', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'fleetrig-framed-')), 'store.db');
    const service = unwrap(await createService({ catalogue: createCatalogue(), seed: 5, speed: 1, httpPort: 0, mqttPort: 0, store, logger: silentLogger }));
    open.push(service);
    const { device, term, clock } = await start({ serverUrl: service.httpUrl, token: service.token });
    expect(device.portal).toBeUndefined();
    await clock.advance(MINUTE);
    const reply = await ask(term, testLicenseRequest(device, 'host-7'));
    expect(reply).toMatchObject({ id: 'host-7', ok: true, body: { file: expect.stringMatching(/^LIC1\./) } });
    // The firmware asks the same service for its own test license, and gets its own answer.
    expect(await term.command('testlicense')).toMatch(/^error TEST_LICENSE_ALREADY_ISSUED: /);
    expect(await ask(term, testLicenseRequest(device, 'host-8', 'gw-001'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
