import { describe, it, expect } from 'vitest';
import { YEAR } from '../../emulator/clock/duration.ts';
import { unwrap } from '../../protocol/result.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

describe('SmartServer firmware update and maintenance', () => {
  it('updates firmware under an active maintenance license and reboots into it; expiry stops updates only', async () => {
    const rig = createSmartServerRig();
    await rig.boot();
    rig.saveCustomerId();
    expect(rig.device.updateFirmware('4.1')).toMatchObject({ ok: false, error: { code: 'MAINTENANCE_REQUIRED' } });
    const cap = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 2 });
    const maint = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-MAINTENANCE', end: rig.clock.now() + YEAR });
    await rig.activate([cap, maint]);
    expect(unwrap(rig.device.updateFirmware('4.1'))).toEqual({ version: '4.1', rebooting: true });
    expect(rig.device.snapshot().state).toBe('booting');
    await rig.untilRunning();
    expect(rig.device.snapshot()).toMatchObject({ firmwareVersion: '4.1', maintenance: { status: 'active' } });

    const changes: string[] = [];
    rig.device.onChange((s) => changes.push(s.maintenance.status));
    unwrap(rig.device.fieldDevices.add({ protocol: 'LON', count: 2 }));
    await rig.clock.advance(YEAR);
    expect(changes.at(-1)).toBe('expired');
    const refused = rig.device.updateFirmware('4.2');
    expect(refused).toMatchObject({ ok: false, error: { code: 'MAINTENANCE_REQUIRED' } });
    if (!refused.ok) expect(refused.error.message).toContain('expired at 2027-01-01');
    expect(unwrap(rig.device.fieldDevices.provision('all')).provisioned).toHaveLength(2);
    expect(rig.device.updateFirmware('four')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'version' } });
  });

  it('[SS-1] updating old firmware to 3.3 brings license management: devices beyond the capacity are no longer provisioned', async () => {
    const rig = createSmartServerRig({ firmwareVersion: '3.2' });
    await rig.boot();
    unwrap(rig.device.fieldDevices.add({ protocol: 'BACnet', count: 3 }));
    unwrap(rig.device.fieldDevices.provision('all'));
    await expect(rig.device.cloud.download()).resolves.toMatchObject({ ok: false, error: { code: 'LICENSE_MANAGEMENT_UNAVAILABLE' } });
    unwrap(rig.device.updateFirmware('3.3'));
    await rig.untilRunning();
    expect(rig.device.snapshot()).toMatchObject({ firmwareVersion: '3.3', licensingRequired: true, fieldDevices: { unlicensed: 3, provisioned: 0 } });
    rig.saveCustomerId();
    await rig.activate([rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 10 })]);
    expect(rig.device.snapshot().fieldDevices).toMatchObject({ unprovisioned: 3, provisioned: 0 });
  });
});

describe('SmartServer recovery flash', () => {
  it('[SS-1] re-images old firmware without maintenance; license management is gone, and every device provisions freely', async () => {
    const rig = createSmartServerRig();
    await rig.boot();
    unwrap(rig.device.fieldDevices.add({ protocol: 'LON', count: 4 }));
    expect(rig.device.snapshot().fieldDevices).toMatchObject({ unlicensed: 4 });
    unwrap(rig.device.recoveryFlash('3.2'));
    await rig.untilRunning();
    expect(rig.device.snapshot()).toMatchObject({ firmwareVersion: '3.2', licensingRequired: false, fieldDevices: { unprovisioned: 4 } });
    expect(unwrap(rig.device.fieldDevices.provision('all')).provisioned).toHaveLength(4);
    expect(rig.device.licenses()).toMatchObject({ ok: false, error: { code: 'LICENSE_MANAGEMENT_UNAVAILABLE' } });
  });
});
