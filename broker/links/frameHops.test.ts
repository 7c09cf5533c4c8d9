import { afterEach, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { closed, DEVICE_A, DEVICE_B, SERVICE, startTestBroker, type TestBroker } from '../brokerTestKit.ts';
import { anyDeviceFilter, deviceTopics } from '../topics.ts';
import { createFrameHops, describeHop } from './frameHops.ts';
import { request, startLinkRig, type LinkRig } from './linkTestKit.ts';

const a = deviceTopics(DEVICE_A);
const b = deviceTopics(DEVICE_B);

describe('createFrameHops', () => {
  let broker: TestBroker;
  let clients: Record<'a' | 'b' | 'service', MqttClient>;
  afterEach(() => broker.broker.close());

  async function start() {
    broker = await startTestBroker('in-process');
    clients = { a: await broker.connect(DEVICE_A), b: await broker.connect(DEVICE_B), service: await broker.connect(SERVICE) };
    const clock = new VirtualClock();
    const hops = createFrameHops({ clock });
    hops.listen(clients.a, a.res);
    hops.listen(clients.b, b.res);
    hops.listen(clients.service, anyDeviceFilter('req'));
    return { clock, hops };
  }

  it('holds the clock from publish to arrival, and delivers in send order whatever came first', async () => {
    const { clock, hops } = await start();
    const delivered: string[] = [];
    hops.sent(clients.service, a.res, 'reply to A');
    hops.sent(clients.service, b.res, 'reply to B');
    hops.sent(clients.a, a.req, 'request of A');
    expect([hops.size(), clock.openHolds()]).toEqual([3, 3]);
    // The network carried them in the other order.
    hops.arrived(a.req, 'request of A', () => delivered.push('request of A'));
    hops.arrived(b.res, 'reply to B', () => delivered.push('reply to B'));
    hops.arrived('fleetrig/v1/dev/gw-0009/res', 'from outside the run', () => delivered.push('untracked'));
    hops.arrived(a.res, 'reply to A', () => delivered.push('reply to A'));
    await clock.quiesce();
    expect(delivered).toEqual(['reply to A', 'reply to B', 'request of A', 'untracked']);
    expect([hops.size(), clock.openHolds()]).toEqual([0, 0]);
  });

  it('[MQTT] delivers a lost frame sent again in its first place, not in the order the clients came back', async () => {
    const { clock, hops } = await start();
    const delivered: string[] = [];
    const [first, second, third] = ['first, from A', 'second, from B while it reconnects', 'third, from A'];
    hops.sent(clients.a, a.req, first)!.drop();
    hops.unsent(b.req, second);
    hops.sent(clients.a, a.req, third);
    // B came back before A did.
    hops.sent(clients.b, b.req, second);
    hops.sent(clients.a, a.req, first);
    hops.arrived(a.req, third, () => delivered.push(third));
    hops.arrived(b.req, second, () => delivered.push(second));
    hops.arrived(a.req, first, () => delivered.push(first));
    await clock.quiesce();
    expect([delivered, hops.size(), clock.openHolds()]).toEqual([[first, second, third], 0, 0]);
  });

  it('holds nothing for a topic nobody here listens to', async () => {
    const { clock, hops } = await start();
    expect(hops.sent(clients.service, deviceTopics('gw-0009').res, '{}')).toBeUndefined();
    expect(clock.openHolds()).toBe(0);
  });

  it('drops what a closed connection was sending or about to receive, and a failed publish', async () => {
    const { clock, hops } = await start();
    hops.sent(clients.a, a.req, 'from A');
    hops.sent(clients.service, a.res, 'to A');
    hops.sent(clients.service, b.res, 'to B')!.drop();
    expect(hops.size()).toBe(2);
    const gone = closed(clients.a);
    clients.a.stream.destroy();
    await gone;
    expect([hops.size(), clock.openHolds()]).toEqual([0, 0]);
    await clock.quiesce();
  });

  it('drops what was on its way to a listener that stops listening', async () => {
    const { clock } = await start();
    const hops = createFrameHops({ clock });
    const stop = hops.listen(clients.a, a.res);
    hops.sent(clients.service, a.res, 'late');
    stop();
    expect([hops.size(), clock.openHolds()]).toEqual([0, 0]);
  });

  it('matches a frame with a lone surrogate to what arrives: its UTF-8 decoding', async () => {
    const { clock, hops } = await start();
    hops.sent(clients.service, a.res, 'bad \uD800 text');
    hops.arrived(a.res, Buffer.from('bad \uD800 text').toString(), () => {});
    expect(clock.openHolds()).toBe(0);
  });

  it('names a frame in flight by what it is, for the I/O-timeout failure', () => {
    expect(describeHop(a.req, request('ab12'))).toBe(`request test.echo #ab12 from ${DEVICE_A} to the license server (${a.req})`);
    expect(describeHop(a.res, '{"id":"ab12","ok":true}')).toBe(`reply #ab12 from the license server to ${DEVICE_A} (${a.res})`);
    expect(describeHop('elsewhere', 'not json')).toBe('frame on elsewhere');
  });
});

describe('frame hops through the embedded broker', () => {
  let rig: LinkRig;
  afterEach(() => rig.close());

  it('[MQTT] a request the server ignores holds no time: the device\'s own timeout fires on the virtual clock', async () => {
    const clock = new VirtualClock({ start: 0 });
    const hops = createFrameHops({ clock });
    const seen: string[] = [];
    rig = await startLinkRig({ serve: (link) => link.onFrame((frame) => void seen.push(frame)), endpoint: { hops }, device: { hops } });
    let timedOutAt: number | undefined;
    clock.setTimeout(() => (timedOutAt = clock.now()), 30_000);
    rig.link.send(request('ignored'));
    await clock.advance(60_000);
    expect([seen, timedOutAt, clock.now(), clock.openHolds()]).toEqual([[request('ignored')], 30_000, 60_000, 0]);
  });

  it('[MQTT] [ACL] a publish the broker refuses ends its hop with the connection aedes closes', async () => {
    const clock = new VirtualClock({ start: 0 });
    const hops = createFrameHops({ clock });
    const seen: string[] = [];
    rig = await startLinkRig({ serve: (link) => link.onFrame((frame) => void seen.push(frame)), endpoint: { hops }, device: { hops } });
    const intruder = await rig.broker.connect(DEVICE_B);
    const gone = closed(intruder);
    // Device B writing device A's request topic: the ACL refuses it and aedes drops the connection.
    hops.sent(intruder, a.req, request('forged'));
    intruder.publish(a.req, request('forged'), { qos: 1 });
    await gone;
    expect(clock.openHolds()).toBe(0);
    await clock.advance(60_000);
    expect([seen, clock.now(), rig.broker.refusals.map((r) => r.action)]).toEqual([[], 60_000, ['publish']]);
  });
});
