import { afterEach, describe, expect, it } from 'vitest';
import { closed, DEVICE_A, startTestBroker, type TestBroker } from '../brokerTestKit.ts';
import { deviceTopics } from '../topics.ts';
import { publishAcked } from './publishAcked.ts';

const a = deviceTopics(DEVICE_A);

describe('publishAcked', () => {
  let rig: TestBroker;
  afterEach(() => rig.broker.close());

  it('resolves on PUBACK, many at once on one client', async () => {
    rig = await startTestBroker('in-process');
    const device = await rig.connect(DEVICE_A);
    await Promise.all(Array.from({ length: 20 }, (_, i) => publishAcked(device, a.state, `{"n":${i}}`, { qos: 1 })));
    expect(device.listenerCount('close')).toBeLessThan(10);
  });

  it('rejects when the connection is gone, or goes before the broker acknowledged', async () => {
    rig = await startTestBroker('in-process');
    const device = await rig.connect(DEVICE_A);
    // Destroyed in the same turn: the PUBLISH never reaches the broker, and mqtt.js would keep it for a resend.
    const pending = publishAcked(device, a.state, '{}', { qos: 1 });
    const gone = closed(device);
    device.stream.destroy();
    await expect(pending).rejects.toThrow(/closed before the broker acknowledged/);
    await gone;
    await expect(publishAcked(device, a.state, '{}', { qos: 1 })).rejects.toThrow(/connection to the broker is closed/);
  });
});
