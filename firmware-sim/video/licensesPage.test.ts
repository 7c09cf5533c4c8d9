import { describe, it, expect } from 'vitest';
import { checkProductFields } from '../../protocol/codes/productRequestCode.ts';
import { fingerprintOf, readRequestCode } from '../../protocol/codes/requestCode.ts';
import { unwrap } from '../../protocol/result.ts';
import { createVideoRig } from './testing/videoRig.ts';

describe('video product: Licenses page', () => {
  it('[CL-1] a Clariti Core names itself after its host name until a Name is entered', async () => {
    const rig = createVideoRig();
    await rig.boot();
    const page = unwrap(rig.device.licenses.view());
    expect(page.hostName).toBe(`clariti-${rig.identity.serialNumber.toLowerCase()}`);
    expect(page.name).toBe(page.hostName);
    expect(rig.device.snapshot()).toMatchObject({ family: 'video', variant: 'core', type: 'Clariti Core', name: page.hostName });
    expect(unwrap(rig.device.licenses.configure({ name: 'core-lab-01' })).name).toBe('core-lab-01');
    await rig.reset();
    expect(unwrap(rig.device.licenses.view()).name).toBe('core-lab-01');
    expect(unwrap(rig.device.licenses.configure({ name: '' })).name).toBe(page.hostName);
  });

  it('[CL-1] a Clariti Manager has the same Licenses page, under its own type and version', async () => {
    const rig = createVideoRig({ variant: 'manager' });
    await rig.boot();
    expect(rig.device.snapshot()).toMatchObject({ variant: 'manager', type: 'Clariti Manager', version: '10.11.2' });
    expect(unwrap(rig.device.licenses.view()).name).toBe(rig.device.snapshot().hostName);
  });

  it('refuses the page while booting, and bad settings naming the field, keeping the old ones', async () => {
    const rig = createVideoRig();
    rig.device.start();
    expect(rig.device.licenses.view()).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } });
    await rig.untilRunning();
    const cases: [unknown, string][] = [
      [{ mode: 'Standard' }, 'mode'], [{ autoRefresh: 'yes' }, 'autoRefresh'], [{ name: 'x'.repeat(65) }, 'name'],
      [{ name: 'bad\u0007bell' }, 'name'], [{ accessToken: 42 }, 'accessToken'], [{ colour: 'red' }, '(root)'],
    ];
    for (const [change, where] of cases) {
      expect(rig.device.licenses.configure(change as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where } });
    }
    expect(unwrap(rig.device.licenses.view())).toMatchObject({ mode: 'standard', autoRefresh: false, accessTokenSet: false });
  });

  it('[CL-4] standard mode: License Product shows a Request Code made from the hardware ID, the same until answered', async () => {
    const rig = createVideoRig();
    await rig.boot();
    const window = unwrap(rig.device.licenses.licenseProduct());
    expect(window).toEqual({ mode: 'standard', requestCode: expect.stringMatching(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}$/) });
    expect(unwrap(readRequestCode(window.requestCode)).fingerprint).toBe(fingerprintOf(rig.identity.hardwareId));
    await rig.reset();
    expect(unwrap(rig.device.licenses.licenseProduct()).requestCode).toBe(window.requestCode);
    expect(rig.device.snapshot().requestCode).toBe(window.requestCode);
  });

  it('[CL-5] restrictive mode: the window shows Name, Type, Version, Request Code, Serial and Host name to copy by hand', async () => {
    const rig = createVideoRig();
    await rig.boot();
    unwrap(rig.device.licenses.configure({ name: 'clariti-core-01', mode: 'restrictive' }));
    const window = unwrap(rig.device.licenses.licenseProduct());
    expect(window).toMatchObject({
      mode: 'restrictive', name: 'clariti-core-01', type: 'Clariti Core', version: '2.2.1',
      serial: rig.identity.serialNumber, hostName: `clariti-${rig.identity.serialNumber.toLowerCase()}`,
    });
    if (window.mode !== 'restrictive') throw new Error('unreachable');
    const code = unwrap(readRequestCode(window.requestCode));
    const { mode: _mode, requestCode: _code, ...fields } = window;
    expect(checkProductFields(code, fields).ok).toBe(true);
    expect(checkProductFields(code, { ...fields, name: 'Clariti-Core-01' })).toMatchObject({ ok: false, error: { code: 'FIELD_MISMATCH', where: 'name' } });
    // A new Name means a new code: the old one carries the old Name's check.
    unwrap(rig.device.licenses.configure({ name: 'clariti-core-02' }));
    expect(unwrap(rig.device.licenses.licenseProduct()).requestCode).not.toBe(window.requestCode);
  });
});
