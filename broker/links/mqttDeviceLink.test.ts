import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../protocol/messages/envelope.ts';
import { DEVICE_A, DEVICE_B, TRANSPORTS, closed, nextMessage, recordMessages } from '../brokerTestKit.ts';
import { deviceTopics } from '../topics.ts';
import { createMqttDeviceLink } from './mqttDeviceLink.ts';
import { echoServe, nextFrame, request, startLinkRig, type LinkRig } from './linkTestKit.ts';

const a = deviceTopics(DEVICE_A);

describe.each(TRANSPORTS)('createMqttDeviceLink (%s)', (transport) => {
  let rig: LinkRig;
  afterEach(() => rig.close());

  it('[MQTT] refuses a frame over MAX_FRAME_BYTES locally, logging why; nothing reaches the broker', async () => {
    rig = await startLinkRig({ transport, serve: echoServe });
    const seen = recordMessages(rig.service);
    rig.link.send(request('big', { pad: 'x'.repeat(MAX_FRAME_BYTES) }));
    const reply = nextFrame(rig.link);
    rig.link.send(request('small'));
    expect(JSON.parse(await reply)).toMatchObject({ id: 'small' });
    expect(seen.map((m) => JSON.parse(m.payload).id)).toEqual(['small']);
    expect(rig.link.refused()).toBe(1);
    expect(rig.refusals).toEqual([{ topic: a.req, reason: expect.stringMatching(/gw-0001: frame of \d+ bytes exceeds the 65536-byte limit; not sent/) }]);
  });

  it('[MQTT] drops a reply that is not UTF-8, counting it, and delivers the next one', async () => {
    rig = await startLinkRig({ transport, serve: echoServe });
    await rig.service.publishAsync(a.res, Buffer.from([0xc3, 0x28]), { qos: 1 });
    const reply = nextFrame(rig.link);
    await rig.service.publishAsync(a.res, '{"id":"ok","ok":true,"body":{}}', { qos: 1 });
    expect(await reply).toBe('{"id":"ok","ok":true,"body":{}}');
    expect(rig.link.refused()).toBe(1);
    expect(rig.refusals[0]).toMatchObject({ topic: a.res, reason: expect.stringContaining('not valid UTF-8') });
  });

  it('[MQTT] is up while the client is connected and reports the drop once', async () => {
    rig = await startLinkRig({ transport, serve: echoServe });
    const statuses: boolean[] = [];
    rig.link.onStatus((up) => statuses.push(up));
    expect(rig.link.isUp()).toBe(true);
    const gone = closed(rig.device);
    rig.device.stream.destroy();
    await gone;
    expect(rig.link.isUp()).toBe(false);
    expect(statuses).toEqual([false]);
    rig.link.send(request('lost'));
    expect(rig.link.refused()).toBe(0);
  });

  it('[MQTT] [ACL] a link on another device\'s client cannot subscribe that device\'s replies', async () => {
    rig = await startLinkRig({ transport, serve: echoServe });
    const other = await rig.broker.connect(DEVICE_B);
    await expect(createMqttDeviceLink({ client: other, deviceId: DEVICE_A })).rejects.toThrow(
      /broker refused the subscription to fleetrig\/v1\/dev\/gw-0001\/res; does the client connect as gw-0001\?/,
    );
    await other.endAsync();
  });

  it('stops delivering once closed, leaving the client connected', async () => {
    rig = await startLinkRig({ transport, serve: echoServe });
    const got: string[] = [];
    rig.link.onFrame((frame) => got.push(frame));
    await rig.link.close();
    await rig.device.subscribeAsync(a.cmd, { qos: 1 });
    // Messages to one subscriber arrive in order: once cmd is in, res had its chance.
    const sentinel = nextMessage(rig.device, a.cmd);
    await rig.service.publishAsync(a.res, '{"id":"late","ok":true,"body":{}}', { qos: 1 });
    await rig.service.publishAsync(a.cmd, '{"cmd":"status"}', { qos: 1 });
    await sentinel;
    expect(rig.device.connected).toBe(true);
    expect(got).toEqual([]);
  });
});
