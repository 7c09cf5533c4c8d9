import { describe, it, expect } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';
import { ACTIVATION_TIME_MS } from './smartserverMachine.ts';

describe('createSmartServer', () => {
  it('publishes the state a dashboard colours by: licenses, capacity and field devices by colour', async () => {
    const rig = createSmartServerRig();
    expect(rig.device.snapshot()).toMatchObject({ deviceId: 'ss-001', family: 'smartserver', state: 'off', firmwareVersion: '4.0', licensingRequired: true });
    await rig.boot();
    rig.saveCustomerId();
    unwrap(rig.device.fieldDevices.add({ protocol: 'LON', count: 3 }));
    await rig.activate([rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 2 })]);
    unwrap(rig.device.fieldDevices.provision('all'));
    expect(rig.device.snapshot()).toMatchObject({
      state: 'running', installCode: rig.identity.installCode, customerId: RIG_CUSTOMER_ID, capacity: 2,
      licenses: [{ featureCode: 'SS-CAPACITY', count: 2, status: 'active', description: 'Device capacity: 2' }],
      fieldDevices: { unlicensed: 0, unprovisioned: 1, provisioned: 2, total: 3 },
    });
    expect(rig.device.history().map((h) => h.state)).toEqual(['off', 'booting', 'running.idle', 'running.claiming', 'running.activating', 'running.idle']);
  });

  it('[SS-5] a power cut while the activation installs leaves nothing half installed', async () => {
    const rig = createSmartServerRig();
    await rig.boot();
    rig.saveCustomerId();
    const cap = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 2 });
    unwrap(await rig.device.cloud.activate([cap]));
    rig.board.power.cutAfterWrites(0);
    await rig.clock.advance(ACTIVATION_TIME_MS);
    expect(rig.device.snapshot().state).toBe('off');
    rig.board.power.restore();
    await rig.untilRunning();
    expect(rig.device.snapshot()).toMatchObject({ capacity: 0, customerId: RIG_CUSTOMER_ID });
    expect(unwrap(await rig.device.cloud.download()).map((r) => r.licenseId)).toEqual([cap]);
  });

  it('rejects a factory firmware version that is not one', () => {
    expect(() => createSmartServerRig({ firmwareVersion: 'latest' })).toThrow(/firmwareVersion: firmware version 'latest'/);
  });

  it('stops for good: off, no timers left', async () => {
    const rig = createSmartServerRig();
    await rig.boot();
    rig.device.stop();
    expect(rig.device.snapshot().state).toBe('off');
    expect(rig.clock.pendingTimers()).toBe(0);
  });
});
