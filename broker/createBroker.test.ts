import { connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_A, SERVICE, TRANSPORTS, closed, grantedQos, nextMessage, startTestBroker } from './brokerTestKit.ts';
import type { TestBroker } from './brokerTestKit.ts';
import { anyDeviceFilter, deviceTopics } from './topics.ts';

const a = deviceTopics(DEVICE_A);
const offline = JSON.stringify({ deviceId: DEVICE_A, family: 'gateway', state: 'offline', licenses: [] });
const online = JSON.stringify({ deviceId: DEVICE_A, family: 'gateway', state: 'online', licenses: [] });

describe.each(TRANSPORTS)('embedded broker (%s)', (transport) => {
  let rig: TestBroker;
  afterEach(() => rig.broker.close());

  it('[ACL] a device publishes its own req and state and receives its own res and cmd', async () => {
    rig = await startTestBroker(transport);
    const service = await rig.connect(SERVICE);
    await service.subscribeAsync([anyDeviceFilter('req'), anyDeviceFilter('state')], { qos: 1 });
    const device = await rig.connect(DEVICE_A);
    expect(await grantedQos(device, [a.res, a.cmd])).toEqual([1, 1]);

    const req = nextMessage(service, a.req);
    await device.publishAsync(a.req, '{"id":"r1","op":"ping"}', { qos: 1 });
    expect((await req).payload).toBe('{"id":"r1","op":"ping"}');
    const state = nextMessage(service, a.state);
    await device.publishAsync(a.state, online, { qos: 1, retain: true });
    expect((await state).payload).toBe(online);

    const res = nextMessage(device, a.res);
    await service.publishAsync(a.res, '{"id":"r1","ok":true}', { qos: 1 });
    expect((await res).payload).toBe('{"id":"r1","ok":true}');
    const cmd = nextMessage(device, a.cmd);
    await service.publishAsync(a.cmd, '{"cmd":"reboot"}', { qos: 1 });
    expect((await cmd).payload).toBe('{"cmd":"reboot"}');
    expect(rig.refusals).toEqual([]);
  });

  it('[ACL] retained state reaches late subscribers, and the last will marks a dropped device offline', async () => {
    rig = await startTestBroker(transport);
    const device = await rig.connect(DEVICE_A, { will: { topic: a.state, payload: offline, qos: 1, retain: true } });
    await device.publishAsync(a.state, online, { qos: 1, retain: true });

    const service = await rig.connect(SERVICE);
    const retained = nextMessage(service, a.state);
    await service.subscribeAsync(anyDeviceFilter('state'), { qos: 1 });
    expect(await retained).toMatchObject({ payload: online, retain: true });

    const will = nextMessage(service, a.state);
    device.stream.destroy(); // the socket dies without a DISCONNECT
    expect((await will).payload).toBe(offline);

    const dashboard = await rig.connect(SERVICE, { clientId: 'dashboard' });
    const late = nextMessage(dashboard, a.state);
    await dashboard.subscribeAsync(a.state, { qos: 1 });
    expect(await late).toMatchObject({ payload: offline, retain: true });
    expect(rig.refusals).toEqual([]);
  });

  it('a clean DISCONNECT does not fire the last will', async () => {
    rig = await startTestBroker(transport);
    const service = await rig.connect(SERVICE);
    await service.subscribeAsync(anyDeviceFilter('state'), { qos: 1 });
    const device = await rig.connect(DEVICE_A, { will: { topic: a.state, payload: offline, qos: 1, retain: true } });
    const next = nextMessage(service, a.state);
    await device.endAsync();
    const again = await rig.connect(DEVICE_A);
    await again.publishAsync(a.state, online, { qos: 1 });
    expect((await next).payload).toBe(online);
  });

  it('garbage bytes after CONNECT drop only that connection; its will fires and the broker carries on', async () => {
    rig = await startTestBroker(transport);
    const service = await rig.connect(SERVICE);
    await service.subscribeAsync(anyDeviceFilter('state'), { qos: 1 });
    const device = await rig.connect(DEVICE_A, { will: { topic: a.state, payload: offline, qos: 1, retain: true } });
    const will = nextMessage(service, a.state);
    const dropped = closed(device);
    device.stream.write(Buffer.from([0x00, 0x00, 0x13, 0x37])); // reserved packet type 0
    await dropped;
    expect((await will).payload).toBe(offline);

    const again = await rig.connect(DEVICE_A);
    const state = nextMessage(service, a.state);
    await again.publishAsync(a.state, online, { qos: 1, retain: true });
    expect((await state).payload).toBe(online);
  });
});

describe('embedded broker over TCP', () => {
  let rig: TestBroker;
  afterEach(() => rig.broker.close());

  it.each([
    ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
    ['a CONNECT with a bad protocol name', Buffer.from([0x10, 0x0c, 0x00, 0x04, 0x58, 0x58, 0x58, 0x58, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00])],
    ['reserved packet type 0', Buffer.from([0x00, 0x00, 0x00, 0x00])],
  ])('garbage before CONNECT (%s) is dropped without crashing anything', async (_name, bytes) => {
    rig = await startTestBroker('tcp');
    const socket = tcpConnect({ host: '127.0.0.1', port: rig.port ?? 0 });
    socket.on('error', () => {});
    socket.resume();
    const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(bytes);
    await gone;
    const device = await rig.connect(DEVICE_A);
    await device.publishAsync(a.state, online, { qos: 1 });
  });

  it('listens once, on 127.0.0.1 by default, and close() is safe to repeat', async () => {
    rig = await startTestBroker('in-process');
    const address = await rig.broker.listen();
    expect(address.host).toBe('127.0.0.1');
    expect(address.port).toBeGreaterThan(0);
    await expect(rig.broker.listen()).rejects.toThrow(/already/);
    const device = await rig.connect(DEVICE_A, { stream: undefined, url: `mqtt://127.0.0.1:${address.port}` });
    const dropped = closed(device);
    await rig.broker.close();
    await dropped;
    await rig.broker.close();
    const late = await rig.connect(DEVICE_A).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 'MQTT_CONNECT_FAILED' });
  });
});
