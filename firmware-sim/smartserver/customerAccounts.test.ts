import { describe, it, expect } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

describe('SmartServer Manage Customer Accounts', () => {
  it('[SS-3] shows the segment controller and install code read-only, and no Customer ID at first', async () => {
    const rig = await booted();
    expect(unwrap(rig.device.accounts.view())).toEqual({ segmentController: 'ss-001', installCode: rig.identity.installCode, customerId: null, edited: null });
    expect(rig.identity.installCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  });

  it('[SS-3] a typed Customer ID is saved to NVRAM and survives a reboot', async () => {
    const rig = await booted();
    expect(unwrap(rig.device.accounts.edit(RIG_CUSTOMER_ID.toUpperCase()))).toMatchObject({ customerId: null, edited: RIG_CUSTOMER_ID.toUpperCase() });
    expect(rig.device.snapshot().customerIdEdited).toBe(true);
    expect(unwrap(rig.device.accounts.save())).toMatchObject({ customerId: RIG_CUSTOMER_ID, edited: null });
    await rig.reset();
    expect(rig.device.snapshot()).toMatchObject({ customerId: RIG_CUSTOMER_ID, customerIdEdited: false });
  });

  it('[SS-3] Discard Changes restores the saved Customer ID; a reboot discards an unsaved one', async () => {
    const rig = await booted();
    rig.saveCustomerId();
    unwrap(rig.device.accounts.edit('00000000-0000-4000-8000-000000000000'));
    expect(unwrap(rig.device.accounts.discard())).toMatchObject({ customerId: RIG_CUSTOMER_ID, edited: null });
    unwrap(rig.device.accounts.edit('00000000-0000-4000-8000-000000000000'));
    await rig.reset();
    expect(unwrap(rig.device.accounts.view())).toMatchObject({ customerId: RIG_CUSTOMER_ID, edited: null });
  });

  it('[SS-3] refuses to save a Customer ID that is not a UUID, keeping the saved one', async () => {
    const rig = await booted();
    rig.saveCustomerId();
    unwrap(rig.device.accounts.edit('2133c667-af41-4518-94df-a2bb3b77533'));
    expect(rig.device.accounts.save()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'customerId' } });
    expect(unwrap(rig.device.accounts.view())).toMatchObject({ customerId: RIG_CUSTOMER_ID, edited: '2133c667-af41-4518-94df-a2bb3b77533' });
    expect(rig.device.accounts.edit(42 as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(rig.device.accounts.edit('x'.repeat(201))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('[SS-3] is unavailable while off, and on firmware without license management (SS-1)', async () => {
    const rig = createSmartServerRig();
    expect(rig.device.accounts.view()).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
    const old = createSmartServerRig({ firmwareVersion: '3.2' });
    await old.boot();
    expect(old.device.accounts.edit(RIG_CUSTOMER_ID)).toMatchObject({ ok: false, error: { code: 'LICENSE_MANAGEMENT_UNAVAILABLE' } });
  });
});

async function booted() {
  const rig = createSmartServerRig();
  await rig.boot();
  return rig;
}
