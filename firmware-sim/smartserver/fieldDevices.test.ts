import { describe, it, expect } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { colours } from './fieldDevices.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

async function rigWithCapacity(count: number | null, firmwareVersion?: string) {
  const rig = createSmartServerRig({ firmwareVersion });
  await rig.boot();
  if (count !== null) {
    rig.saveCustomerId();
    await rig.activate([rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count })]);
  }
  return rig;
}

describe('SmartServer field devices', () => {
  it('[SS-7] LON, BACnet and Modbus devices are unlicensed (purple) without a capacity license, and cannot be provisioned', async () => {
    const rig = await rigWithCapacity(null);
    expect(unwrap(rig.device.fieldDevices.add({ protocol: 'LON', count: 2 }))).toEqual({ added: ['lon-001', 'lon-002'] });
    unwrap(rig.device.fieldDevices.add({ protocol: 'BACnet', names: ['ahu-1'] }));
    unwrap(rig.device.fieldDevices.add({ protocol: 'Modbus', count: 1 }));
    expect(unwrap(rig.device.fieldDevices.list()).map((d) => [d.name, d.protocol, d.status])).toEqual([
      ['lon-001', 'LON', 'unlicensed'], ['lon-002', 'LON', 'unlicensed'], ['ahu-1', 'BACnet', 'unlicensed'], ['modbus-001', 'Modbus', 'unlicensed'],
    ]);
    expect(rig.device.fieldDevices.provision('all')).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
  });

  it('[SS-7] device capacity bounds how many are provisioned: a named selection all or none, `all` up to the capacity', async () => {
    const rig = await rigWithCapacity(5);
    unwrap(rig.device.fieldDevices.add({ protocol: 'BACnet', count: 8 }));
    expect(rig.device.snapshot().fieldDevices).toEqual({ unlicensed: 0, unprovisioned: 8, provisioned: 0, total: 8 });
    unwrap(rig.device.fieldDevices.provision(['bacnet-001', 'bacnet-002']));
    const tooMany = rig.device.fieldDevices.provision(['bacnet-003', 'bacnet-004', 'bacnet-005', 'bacnet-006']);
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
    if (!tooMany.ok) expect(tooMany.error.message).toContain('4 more would make 6 provisioned devices on ss-001, beyond its device capacity of 5 (2 provisioned)');
    expect(unwrap(rig.device.fieldDevices.provision('all'))).toEqual({ provisioned: ['bacnet-003', 'bacnet-004', 'bacnet-005'], alreadyProvisioned: 2, refused: 3 });
    expect(rig.device.snapshot().fieldDevices).toMatchObject({ unprovisioned: 3, provisioned: 5 });
    expect(unwrap(rig.device.fieldDevices.provision(['bacnet-001']))).toEqual({ provisioned: [], alreadyProvisioned: 1, refused: 0 });
    expect(rig.device.fieldDevices.provision('all')).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
  });

  it('[SS-1] firmware older than 3.3 provisions every field device without a license', async () => {
    const rig = await rigWithCapacity(null, '3.2');
    unwrap(rig.device.fieldDevices.add({ protocol: 'Modbus', count: 40 }));
    expect(rig.device.snapshot().fieldDevices).toMatchObject({ unlicensed: 0, unprovisioned: 40 });
    expect(unwrap(rig.device.fieldDevices.provision('all')).provisioned).toHaveLength(40);
    expect(rig.device.snapshot()).toMatchObject({ licensingRequired: false, fieldDevices: { provisioned: 40 } });
  });

  it('[SS-7] refuses bad input and clashing names, and keeps devices across reboots', async () => {
    const rig = await rigWithCapacity(3);
    const add = rig.device.fieldDevices.add;
    expect(add({ protocol: 'KNX' as never, count: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'protocol' } });
    expect(add({ protocol: 'LON' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(add({ protocol: 'LON', count: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'count' } });
    expect(add({ protocol: 'LON', count: 501 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(add({ protocol: 'LON', names: ['a b'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    unwrap(add({ protocol: 'LON', names: ['x'] }));
    expect(add({ protocol: 'LON', names: ['x'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(rig.device.fieldDevices.provision(['nope'])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(rig.device.fieldDevices.provision([])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    unwrap(rig.device.fieldDevices.provision(['x']));
    await rig.reset();
    expect(unwrap(rig.device.fieldDevices.list())).toEqual([{ name: 'x', protocol: 'LON', provisioned: true, status: 'provisioned' }]);
  });

  it('[SS-7] a provisioned device the capacity no longer covers shows unlicensed', () => {
    const devices = [true, true, false].map((provisioned, i) => ({ name: `d${i}`, protocol: 'LON' as const, provisioned }));
    expect(colours(devices, 1)).toEqual(['provisioned', 'unlicensed', 'unprovisioned']);
    expect(colours(devices, 0)).toEqual(['unlicensed', 'unlicensed', 'unlicensed']);
    expect(colours(devices, null)).toEqual(['provisioned', 'provisioned', 'unprovisioned']);
  });
});
