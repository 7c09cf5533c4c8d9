import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_A, SERVICE, TRANSPORTS, closed, nextMessage, recordMessages, startTestBroker, type TestBroker } from './brokerTestKit.ts';
import { MqttConnectError } from './connect.ts';
import { deviceTopics } from './topics.ts';

const a = deviceTopics(DEVICE_A);

describe.each(TRANSPORTS)('embedded broker stop and start (%s)', (transport) => {
  let rig: TestBroker;
  afterEach(() => rig.broker.close());

  it('[MQTT] stop drops every client and refuses new ones; start serves again, fresh, with nothing retained', async () => {
    rig = await startTestBroker(transport);
    const device = await rig.connect(DEVICE_A);
    await device.publishAsync(a.state, '{"state":"online"}', { qos: 1, retain: true });
    const dropped = closed(device);
    await rig.broker.stop();
    await dropped;
    expect(rig.broker.isRunning()).toBe(false);
    expect(rig.broker.clients()).toBe(0);
    await expect(rig.connect(DEVICE_A)).rejects.toBeInstanceOf(MqttConnectError);

    await rig.broker.start();
    expect(rig.broker.isRunning()).toBe(true);
    const service = await rig.connect(SERVICE);
    const received = recordMessages(service);
    await service.subscribeAsync([a.state, a.req], { qos: 1 });
    const again = await rig.connect(DEVICE_A);
    const req = nextMessage(service, a.req);
    await again.publishAsync(a.req, '{"id":"r1"}', { qos: 1 });
    expect((await req).payload).toBe('{"id":"r1"}');
    // The retained state went with the stopped broker: only the request came, no state on subscribing.
    expect(received.map((m) => m.topic)).toEqual([a.req]);
    again.end(true);
    device.end(true);
    await service.endAsync();
  });
});
