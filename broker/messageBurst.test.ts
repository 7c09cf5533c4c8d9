import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_A, SERVICE, startTestBroker, type TestBroker } from './brokerTestKit.ts';
import { anyDeviceFilter, deviceTopics } from './topics.ts';

/** Lets the broker's deliveries run: a turn of the event loop at a time, up to `turns`. */
async function until(done: () => boolean, turns = 1000): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

// With aedes' default cap of 100 messages in flight, a burst like this one could end in
// "Maximum call stack size exceeded" (mqemitter drains its queue by recursion); by hand, 50,000
// at once did after 10,000 deliveries. Whether it does depends on how the deliveries interleave,
// so this test guards the burst itself, and the fix (concurrency: 0) is in createBroker.ts.
describe('embedded broker under a burst', () => {
  let rig: TestBroker | undefined;
  afterEach(() => rig?.broker.close());

  it('delivers 20,000 messages published in one turn, as a large fleet on in-process streams does, without overflowing the stack', async () => {
    rig = await startTestBroker('in-process');
    const service = await rig.connect(SERVICE);
    await service.subscribeAsync([anyDeviceFilter('req')], { qos: 1 });
    let received = 0;
    service.on('message', () => void received++);
    const device = await rig.connect(DEVICE_A);
    // mqtt.js waits for 'drain' once per publish written while its stream is full, and warns past
    // 1,000 such waits; a burst of 20,000 in one turn is the point here.
    device.stream.setMaxListeners(0);
    const burst = 20_000;
    await Promise.all(Array.from({ length: burst }, (_, i) => device.publishAsync(deviceTopics(DEVICE_A).req, `{"id":"r${i}","op":"ping"}`, { qos: 0 })));
    await until(() => received === burst);
    expect(received).toBe(burst);
  }, 60_000);
});
