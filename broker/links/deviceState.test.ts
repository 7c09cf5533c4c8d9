import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_A, SERVICE, TRANSPORTS, closed, nextMessage, startTestBroker, type TestBroker } from '../brokerTestKit.ts';
import { deviceTopics } from '../topics.ts';
import { offlineWill, parseDeviceState, publishDeviceState } from './deviceState.ts';

const a = deviceTopics(DEVICE_A);
const running = {
  deviceId: DEVICE_A, family: 'gateway', state: 'running', pendingReset: false,
  licenses: [{ licenseId: 'L-1', featureCode: 'PBX-MOBILITY', count: 5, status: 'active' }],
};

describe.each(TRANSPORTS)('device state over MQTT (%s)', (transport) => {
  let rig: TestBroker;
  afterEach(() => rig.broker.close());

  it('[MQTT] the state is retained: a subscriber that comes later still gets it', async () => {
    rig = await startTestBroker(transport);
    const device = await rig.connect(DEVICE_A);
    expect(await publishDeviceState(device, DEVICE_A, running)).toEqual({ ok: true, value: undefined });
    const late = await rig.connect(SERVICE);
    const state = nextMessage(late, a.state);
    await late.subscribeAsync(a.state, { qos: 1 });
    const got = await state;
    expect(got.retain).toBe(true);
    expect(parseDeviceState(got.payload)).toEqual({ ok: true, value: running });
  });

  it('[MQTT] the last will marks a device that dropped off as offline, retained, family kept', async () => {
    rig = await startTestBroker(transport);
    const device = await rig.connect(DEVICE_A, { will: offlineWill(DEVICE_A, 'gateway') });
    await publishDeviceState(device, DEVICE_A, running);
    const service = await rig.connect(SERVICE);
    const retainedRunning = nextMessage(service, a.state);
    await service.subscribeAsync(a.state, { qos: 1 });
    expect(JSON.parse((await retainedRunning).payload)).toMatchObject({ state: 'running' });
    const offline = nextMessage(service, a.state);
    const gone = closed(device);
    // A crash, not a clean DISCONNECT: only then does the broker publish the will.
    device.stream.destroy();
    await gone;
    expect(JSON.parse((await offline).payload)).toEqual({ deviceId: DEVICE_A, family: 'gateway', state: 'offline' });
    const late = await rig.connect(SERVICE, { clientId: 'dashboard-late' });
    const retained = nextMessage(late, a.state);
    await late.subscribeAsync(a.state, { qos: 1 });
    expect(parseDeviceState((await retained).payload)).toMatchObject({ ok: true, value: { state: 'offline' } });
  });

  it('[MQTT] refuses to publish a state that is malformed, names another device or overflows a frame', async () => {
    rig = await startTestBroker(transport);
    const device = await rig.connect(DEVICE_A);
    const cases: [object, RegExp][] = [
      [{ ...running, state: 'dancing' }, /state: Invalid discriminator/],
      [{ ...running, licenses: [{ licenseId: 'L-1' }] }, /licenses\.0\.featureCode/],
      [{ ...running, deviceId: 'gw-0002' }, /names device "gw-0002", not "gw-0001"/],
      [{ ...running, blob: 'x'.repeat(70_000) }, /at most 65536 fit in a frame/],
    ];
    for (const [state, message] of cases) {
      expect(await publishDeviceState(device, DEVICE_A, state)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(message) } });
    }
    expect(parseDeviceState('{"deviceId":')).toMatchObject({ ok: false, error: { message: expect.stringContaining('not JSON') } });
  });
});
