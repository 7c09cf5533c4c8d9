import { describe, it, expect } from 'vitest';
import { YEAR } from '../../emulator/clock/duration.ts';
import { unwrap } from '../../protocol/result.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

async function activatedRig() {
  const rig = createSmartServerRig({ replyTimeoutMs: 5_000 });
  await rig.boot();
  rig.saveCustomerId();
  const cap = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 10 });
  const maint = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-MAINTENANCE', end: rig.clock.now() + YEAR });
  await rig.activate([cap, maint]);
  unwrap(rig.device.fieldDevices.add({ protocol: 'LON', count: 6 }));
  unwrap(rig.device.fieldDevices.provision('all'));
  return { rig, cap, maint };
}

const bound = (rig: ReturnType<typeof createSmartServerRig>) => [...rig.portal.licenses.values()].filter((l) => l.boundTo !== null).length;

describe('SmartServer Transfer to Cloud', () => {
  it('[SS-6] after confirmation returns every capacity and maintenance license to the cloud; [SS-7] field devices turn unlicensed', async () => {
    const { rig, cap, maint } = await activatedRig();
    expect(rig.device.snapshot().fieldDevices).toEqual({ unlicensed: 0, unprovisioned: 0, provisioned: 6, total: 6 });
    await rig.clock.advance(60_000);
    const outcome = unwrap(await rig.device.cloud.transferToCloud({ confirm: true }));
    expect(outcome).toEqual({ transferred: [cap, maint], transferDate: rig.clock.now() });
    expect(rig.device.snapshot()).toMatchObject({ licenses: [], capacity: 0, maintenance: { status: 'none' }, fieldDevices: { unlicensed: 6, provisioned: 0 } });
    expect(bound(rig)).toBe(0);
    await rig.reset();
    expect(rig.device.snapshot().fieldDevices).toMatchObject({ unlicensed: 6 });
  });

  it('[SS-7] once a new license is activated the devices are unprovisioned, and green only when provisioned by hand', async () => {
    const { rig, cap } = await activatedRig();
    unwrap(await rig.device.cloud.transferToCloud({ confirm: true }));
    await rig.activate([cap]);
    expect(rig.device.snapshot().fieldDevices).toEqual({ unlicensed: 0, unprovisioned: 6, provisioned: 0, total: 6 });
    unwrap(rig.device.fieldDevices.provision(['lon-001', 'lon-002']));
    expect(rig.device.snapshot().fieldDevices).toMatchObject({ unprovisioned: 4, provisioned: 2 });
  });

  it('[SS-6] needs the confirmation: without it nothing leaves the server and the cloud is not asked', async () => {
    const { rig } = await activatedRig();
    const asked = rig.portal.requests.length;
    expect(await rig.device.cloud.transferToCloud({})).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(await rig.device.cloud.transferToCloud({ confirm: 'yes' } as never)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(rig.portal.requests.length).toBe(asked);
    expect(rig.device.snapshot().capacity).toBe(10);
  });

  it('[SS-6] a second transfer in a row is refused NOTHING_TO_TRANSFER without asking the cloud', async () => {
    const { rig } = await activatedRig();
    unwrap(await rig.device.cloud.transferToCloud({ confirm: true }));
    const asked = rig.portal.requests.length;
    const second = await rig.device.cloud.transferToCloud({ confirm: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_TRANSFER' } });
    if (!second.ok) expect(second.error.message).toContain('ss-001 holds no device-capacity or maintenance license');
    expect(rig.portal.requests.length).toBe(asked);
  });

  it('[SS-6] keeps the licenses when the cloud cannot be reached, and refuses a second transfer while one waits', async () => {
    const { rig } = await activatedRig();
    rig.portal.setSilent(true);
    const waiting = rig.device.cloud.transferToCloud({ confirm: true });
    expect(rig.device.snapshot().activation.state).toBe('transferring');
    expect(await rig.device.cloud.transferToCloud({ confirm: true })).toMatchObject({ ok: false, error: { code: 'TRANSFER_IN_PROGRESS' } });
    await rig.clock.advance(5_000);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(rig.device.snapshot()).toMatchObject({ capacity: 10, fieldDevices: { provisioned: 6 }, activation: { state: 'idle' } });
  });
});
