import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { WallClock } from '../../emulator/clock/wallClock.ts';
import { MAX_FRAME_BYTES, parseFrame, replySchema } from '../../protocol/messages/envelope.ts';
import { proofText, signProof } from '../../protocol/deviceCertificate.ts';
import { unwrap } from '../../protocol/result.ts';
import { createTestServer } from '../../license-server/testing/createTestServer.ts';
import { DEVICE_A, DEVICE_B, TRANSPORTS, recordMessages } from '../brokerTestKit.ts';
import { deviceTopics } from '../topics.ts';
import { createFrameHops } from './frameHops.ts';
import { echoServe, nextFrame, nextFrames, request, startLinkRig, type LinkRig } from './linkTestKit.ts';

const a = deviceTopics(DEVICE_A);

describe.each(TRANSPORTS)('serveOverMqtt (%s)', (transport) => {
  let rig: LinkRig;
  afterEach(() => rig.close());

  it('[MQTT] answers a request from req on the same device\'s res, through one served link per device', async () => {
    rig = await startLinkRig({ transport, serve: echoServe });
    const reply = nextFrame(rig.link);
    rig.link.send(request('r1', { n: 1 }));
    expect(JSON.parse(await reply)).toEqual({ id: 'r1', ok: true, body: { echo: request('r1', { n: 1 }) } });
    const second = nextFrame(rig.link);
    rig.link.send(request('r2'));
    expect(JSON.parse(await second)).toMatchObject({ id: 'r2', ok: true });
    expect(rig.endpoint.devices()).toBe(1);
  });

  it('[MQTT] refuses malformed, oversized, non-UTF-8 and misaddressed payloads, logs them with their topic, and serves on', async () => {
    rig = await startLinkRig({ transport, serve: echoServe });
    const bad: [string | Buffer, RegExp][] = [
      ['{"id":"x", not json', /not JSON/],
      ['[1,2,3]', /not a JSON object/],
      [Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20), /exceeds the 65536-byte frame limit/],
      [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8/],
      [request('forged', {}, DEVICE_B), /names device "gw-0002" but came on device "gw-0001"'s topic/],
    ];
    const replies = recordMessages(rig.device);
    for (const [payload] of bad) await rig.device.publishAsync(a.req, payload, { qos: 1 });
    const reply = nextFrame(rig.link);
    rig.link.send(request('after'));
    expect(JSON.parse(await reply)).toMatchObject({ id: 'after', ok: true });
    expect(rig.endpoint.refused()).toBe(bad.length);
    expect(rig.refusals).toEqual(bad.map(([, reason]) => ({ topic: a.req, reason: expect.stringMatching(reason) })));
    expect(replies.map((m) => JSON.parse(m.payload).id)).toEqual(['after']);
  });
});

describe('serveOverMqtt with the license server', () => {
  let rig: LinkRig;
  afterEach(() => rig.close());

  it('[MQTT] [GW-8] a duplicated delivery of one request ID is acted on once and answered identically', async () => {
    // createLicenseServer on an in-memory SQLite store and a virtual clock, with a device factory.
    const { server, device, close } = await createTestServer({ seed: 'dedup' });
    rig = await startLinkRig({ serve: (link) => server.serveLink(link) });
    const { hardwareId, certificate, deviceKey } = device(DEVICE_A);
    const proof = signProof(deviceKey, proofText('gateway.testLicense', 'dup-1', hardwareId, []));
    const frame = JSON.stringify({ id: 'dup-1', op: 'gateway.testLicense', deviceId: DEVICE_A, body: { hardwareId, certificate, proof } });
    const replies = nextFrames(rig.link, 2);
    // The same PUBLISH twice, as a QoS 1 redelivery after a lost PUBACK would arrive.
    await rig.device.publishAsync(a.req, frame, { qos: 1 });
    await rig.device.publishAsync(a.req, frame, { qos: 1, dup: true });
    const [first, second] = (await replies).map((frame) => unwrap(parseFrame(frame, replySchema, 'reply')));
    await close();
    expect(first).toMatchObject({ id: 'dup-1', ok: true, body: { file: expect.stringMatching(/^LIC1\./) } });
    expect(second).toEqual(first);
    expect(server.linkStats()).toMatchObject({ requests: 2, duplicates: 1 });
  });
});

describe('serveOverMqtt and virtual time', () => {
  let rig: LinkRig;
  afterEach(() => rig.close());

  it('[MQTT] a virtual clock does not jump past a request on the wire: the reply lands before the device\'s timeout', async () => {
    const clock = new VirtualClock();
    const wall = new WallClock();
    const hops = createFrameHops({ clock, ioLimitMs: 5_000 });
    // A server whose work takes real time, tracked on the clock as the store's queries are.
    const slowServe = (link: Parameters<typeof echoServe>[0]): (() => void) =>
      link.onFrame((frame) => {
        const { id } = JSON.parse(frame) as { id: string };
        void clock.track(new Promise((resolve) => wall.setTimeout(() => resolve(undefined), 30))).then(() => link.send(JSON.stringify({ id, ok: true, body: {} })));
      });
    rig = await startLinkRig({ transport: 'tcp', serve: slowServe, endpoint: { hops }, device: { hops } });
    const events: string[] = [];
    const start = clock.now();
    rig.link.onFrame(() => events.push(`reply at +${clock.now() - start}ms`));
    clock.setTimeout(() => events.push('device timeout'), 30_000);
    rig.link.send(request('slow'));
    await clock.advance(60_000);
    expect(events).toEqual(['reply at +0ms', 'device timeout']);
  });
});
