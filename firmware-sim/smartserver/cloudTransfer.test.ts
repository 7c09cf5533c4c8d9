import { describe, it, expect } from 'vitest';
import { YEAR } from '../../emulator/clock/duration.ts';
import { unwrap } from '../../protocol/result.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

async function activatedRig() {
  const rig = createSmartServerRig({ replyTimeoutMs: 5_000 });
  await rig.boot();
  rig.saveCustomerId();
  const cap = rig.cloud.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 10 });
  const maint = rig.cloud.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-MAINTENANCE', end: rig.clock.now() + YEAR });
  await rig.activate([cap, maint]);
  unwrap(rig.server.fieldDevices.add({ protocol: 'LON', count: 6 }));
  unwrap(rig.server.fieldDevices.provision('all'));
  return { rig, cap, maint };
}

const bound = (rig: ReturnType<typeof createSmartServerRig>) => [...rig.cloud.licenses.values()].filter((l) => l.boundTo !== null).length;

describe('SmartServer Transfer to Cloud', () => {
  it('[SS-6] after confirmation returns every capacity and maintenance license to the cloud; [SS-7] field devices turn unlicensed', async () => {
    const { rig, cap, maint } = await activatedRig();
    expect(rig.server.snapshot().fieldDevices).toEqual({ unlicensed: 0, unprovisioned: 0, provisioned: 6, total: 6 });
    await rig.clock.advance(60_000);
    const outcome = unwrap(await rig.server.cloud.transferToCloud({ confirm: true }));
    expect(outcome).toEqual({ transferred: [cap, maint], transferDate: rig.clock.now() });
    expect(rig.server.snapshot()).toMatchObject({ licenses: [], capacity: 0, maintenance: { status: 'none' }, fieldDevices: { unlicensed: 6, provisioned: 0 } });
    expect(bound(rig)).toBe(0);
    await rig.reset();
    expect(rig.server.snapshot().fieldDevices).toMatchObject({ unlicensed: 6 });
  });

  it('[SS-7] once a new license is activated the devices are unprovisioned, and green only when provisioned by hand', async () => {
    const { rig, cap } = await activatedRig();
    unwrap(await rig.server.cloud.transferToCloud({ confirm: true }));
    await rig.activate([cap]);
    expect(rig.server.snapshot().fieldDevices).toEqual({ unlicensed: 0, unprovisioned: 6, provisioned: 0, total: 6 });
    unwrap(rig.server.fieldDevices.provision(['lon-001', 'lon-002']));
    expect(rig.server.snapshot().fieldDevices).toMatchObject({ unprovisioned: 4, provisioned: 2 });
  });

  it('[SS-6] needs the confirmation: without it nothing leaves the server and the cloud is not asked', async () => {
    const { rig } = await activatedRig();
    const asked = rig.cloud.requests.length;
    expect(await rig.server.cloud.transferToCloud({})).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(await rig.server.cloud.transferToCloud({ confirm: 'yes' } as never)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(rig.cloud.requests.length).toBe(asked);
    expect(rig.server.snapshot().capacity).toBe(10);
  });

  it('[SS-6] a second transfer in a row is refused NOTHING_TO_TRANSFER without asking the cloud', async () => {
    const { rig } = await activatedRig();
    unwrap(await rig.server.cloud.transferToCloud({ confirm: true }));
    const asked = rig.cloud.requests.length;
    const second = await rig.server.cloud.transferToCloud({ confirm: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_TRANSFER' } });
    if (!second.ok) expect(second.error.message).toContain('ss-001 holds no device-capacity or maintenance license');
    expect(rig.cloud.requests.length).toBe(asked);
  });

  it('[SS-6] keeps the licenses when the cloud cannot be reached, and refuses a second transfer while one waits', async () => {
    const { rig } = await activatedRig();
    rig.cloud.setSilent(true);
    const waiting = rig.server.cloud.transferToCloud({ confirm: true });
    expect(rig.server.snapshot().activation.state).toBe('transferring');
    expect(await rig.server.cloud.transferToCloud({ confirm: true })).toMatchObject({ ok: false, error: { code: 'TRANSFER_IN_PROGRESS' } });
    await rig.clock.advance(5_000);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(rig.server.snapshot()).toMatchObject({ capacity: 10, fieldDevices: { provisioned: 6 }, activation: { state: 'idle' } });
  });
});
