import { describe, it, expect } from 'vitest';
import { YEAR } from '../../emulator/clock/duration.ts';
import { unwrap } from '../../protocol/result.ts';
import { ACTIVATION_TIME_MS } from './smartserverMachine.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

async function licensedRig() {
  const rig = createSmartServerRig();
  await rig.boot();
  rig.saveCustomerId();
  const cap = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 100 });
  const maint = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-MAINTENANCE', end: rig.clock.now() + YEAR });
  rig.portal.add({ customerId: '00000000-0000-4000-8000-000000000000', featureCode: 'SS-CAPACITY', count: 5 });
  return { rig, cap, maint };
}

describe('SmartServer Download Licenses from the Cloud and ACTIVATE', () => {
  it('[SS-4] lists the licenses held for the Customer ID: segment controller, license ID, transfer date, description', async () => {
    const { rig, cap, maint } = await licensedRig();
    const rows = unwrap(await rig.device.cloud.download());
    expect(rows).toEqual([
      { licenseId: cap, featureCode: 'SS-CAPACITY', count: 100, end: null, transferDate: rig.clock.now(), segmentController: null, description: 'Device capacity: 100' },
      { licenseId: maint, featureCode: 'SS-MAINTENANCE', count: 1, end: rig.clock.now() + YEAR, transferDate: rig.clock.now(), segmentController: null, description: 'Maintenance until 2027-01-01' },
    ]);
    expect(rig.device.snapshot().downloadList).toBe(2);
    expect(unwrap(rig.device.cloud.list())).toHaveLength(2);
  });

  it('[SS-4] needs a saved Customer ID, and a cloud to reach', async () => {
    const rig = createSmartServerRig({ replyTimeoutMs: 5_000 });
    await rig.boot();
    expect(await rig.device.cloud.download()).toMatchObject({ ok: false, error: { code: 'NO_CUSTOMER_ID' } });
    rig.saveCustomerId();
    rig.portal.setSilent(true);
    const waiting = rig.device.cloud.download();
    await rig.clock.advance(5_000);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    rig.wire.setUp(false);
    expect(await rig.device.cloud.download()).toMatchObject({ ok: false, error: { code: 'LINK_DOWN' } });
  });

  it('[SS-5] activation takes a couple of minutes; then the licenses leave the download list and appear under Manage Licenses', async () => {
    const { rig, cap, maint } = await licensedRig();
    unwrap(await rig.device.cloud.download());
    const started = unwrap(await rig.device.cloud.activate([cap, maint]));
    expect(started).toEqual({ licenseIds: [cap, maint], completesAt: rig.clock.now() + ACTIVATION_TIME_MS });
    expect(rig.device.snapshot()).toMatchObject({ activation: { state: 'activating', licenseIds: [cap, maint] }, capacity: 0, downloadList: 2 });
    await rig.clock.advance(ACTIVATION_TIME_MS - 1);
    expect(unwrap(rig.device.licenses())).toEqual([]);
    await rig.clock.advance(1);
    expect(rig.device.snapshot()).toMatchObject({
      activation: { state: 'idle', last: { licenseIds: [cap, maint], error: null } },
      capacity: 100, maintenance: { status: 'active' }, downloadList: 0,
    });
    expect(unwrap(rig.device.licenses()).map((l) => [l.licenseId, l.description, l.source])).toEqual([
      [cap, 'Device capacity: 100', 'online'], [maint, 'Maintenance until 2027-01-01', 'online'],
    ]);
    expect(unwrap(await rig.device.cloud.download())).toEqual([]);
    await rig.reset();
    expect(rig.device.snapshot().capacity).toBe(100);
  });

  it('[SS-5] refuses a second activation, a transfer and an offline install while one is under way', async () => {
    const { rig, cap, maint } = await licensedRig();
    unwrap(await rig.device.cloud.activate([cap]));
    const requestsBefore = rig.portal.requests.length;
    expect(await rig.device.cloud.activate([maint])).toMatchObject({ ok: false, error: { code: 'ACTIVATION_IN_PROGRESS' } });
    expect(await rig.device.cloud.transferToCloud({ confirm: true })).toMatchObject({ ok: false, error: { code: 'ACTIVATION_IN_PROGRESS' } });
    expect(rig.device.offline.requestCode()).toMatchObject({ ok: false, error: { code: 'ACTIVATION_IN_PROGRESS' } });
    expect(rig.portal.requests.length).toBe(requestsBefore);
    expect(rig.portal.licenses.get(maint)!.boundTo).toBeNull();
  });

  it('[SS-5] a reboot mid-activation installs nothing; the download list offers the licenses again to finish', async () => {
    const { rig, cap } = await licensedRig();
    unwrap(await rig.device.cloud.activate([cap]));
    await rig.reset();
    expect(rig.device.snapshot()).toMatchObject({ capacity: 0, activation: { state: 'idle', last: null } });
    expect(unwrap(await rig.device.cloud.download()).map((r) => [r.licenseId, r.segmentController])).toEqual([[cap, rig.identity.installCode], expect.anything()]);
    await rig.activate([cap]);
    expect(rig.device.snapshot().capacity).toBe(100);
  });

  it('[SS-5] refuses bad selections, installed licenses, and the cloud\'s refusal, installing nothing', async () => {
    const { rig, cap } = await licensedRig();
    expect(await rig.device.cloud.activate([])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'licenseIds' } });
    expect(await rig.device.cloud.activate([cap, cap])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await rig.device.cloud.activate(['SSL-3'])).toMatchObject({ ok: false, error: { code: 'LICENSE_BOUND_ELSEWHERE' } });
    expect(rig.device.snapshot().activation.state).toBe('idle');
    await rig.activate([cap]);
    expect(await rig.device.cloud.activate([cap])).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
