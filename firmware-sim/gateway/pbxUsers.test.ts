import { describe, it, expect } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { createGatewayRig } from './testing/gatewayRig.ts';

/** A running gateway with `Mobility` × 2 in force and users alice, bob, carol. */
async function licensedPbx() {
  const rig = createGatewayRig();
  await rig.boot();
  unwrap(rig.device.page.add(rig.licenseFile({ featureCode: 'Mobility', count: 2 })));
  await rig.reset();
  for (const name of ['alice', 'bob', 'carol']) unwrap(rig.device.pbx.addUser(name));
  return rig;
}

describe('PBX users', () => {
  it('[GW-7] grants count against the licenses in force and are refused beyond them', async () => {
    const { device: gateway } = await licensedPbx();
    expect(unwrap(gateway.pbx.grant('alice', 'Mobility'))).toEqual({ name: 'alice', features: ['Mobility'] });
    unwrap(gateway.pbx.grant('bob', 'Mobility'));
    const refused = gateway.pbx.grant('carol', 'Mobility');
    expect(refused).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT', where: 'featureCode' } });
    if (!refused.ok) expect(refused.error.message).toContain('2 of 2 Mobility already in use');
    expect(gateway.pbx.grant('alice', 'Mobility').ok).toBe(true);
    unwrap(gateway.pbx.revoke('bob', 'Mobility'));
    expect(gateway.pbx.grant('carol', 'Mobility').ok).toBe(true);
    expect(gateway.pbx.grant('alice', 'Video')).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
  });

  it('[GW-7] a config template grants its features to a group of users, all or nothing', async () => {
    const { device: gateway } = await licensedPbx();
    unwrap(gateway.pbx.defineTemplate('mobile-staff', { features: ['Mobility'] }));
    expect(unwrap(gateway.pbx.templates())).toEqual([{ name: 'mobile-staff', features: ['Mobility'] }]);
    const refused = gateway.pbx.applyTemplate('mobile-staff', ['alice', 'bob', 'carol']);
    expect(refused).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
    if (!refused.ok) expect(refused.error.message).toContain('3 more Mobility grant(s) would exceed the licenses in force: 0 of 2');
    expect(unwrap(gateway.pbx.users()).every((u) => u.features.length === 0)).toBe(true);

    expect(unwrap(gateway.pbx.applyTemplate('mobile-staff', ['alice', 'bob']))).toEqual({
      granted: [{ user: 'alice', featureCode: 'Mobility' }, { user: 'bob', featureCode: 'Mobility' }],
    });
    expect(unwrap(gateway.pbx.applyTemplate('mobile-staff', ['alice']))).toEqual({ granted: [] });
  });

  it('[GW-7] users and grants survive a reboot and a power cut', async () => {
    const { board, device: gateway, reset, untilRunning } = await licensedPbx();
    unwrap(gateway.pbx.grant('alice', 'Mobility'));
    unwrap(gateway.pbx.defineTemplate('t', { features: ['Mobility'] }));
    await reset();
    board.power.cut();
    board.power.restore();
    await untilRunning();
    expect(unwrap(gateway.pbx.users())).toEqual([
      { name: 'alice', features: ['Mobility'] },
      { name: 'bob', features: [] },
      { name: 'carol', features: [] },
    ]);
    expect(unwrap(gateway.pbx.applyTemplate('t', ['bob'])).granted).toHaveLength(1);
  });

  it('refuses bad names, unknown users and templates, and gateway features', async () => {
    const { device: gateway } = await licensedPbx();
    expect(gateway.pbx.addUser('alice')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(gateway.pbx.addUser('')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'name' } });
    expect(gateway.pbx.addUser(' x')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(gateway.pbx.grant('zoe', 'Mobility')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'user' } });
    expect(gateway.pbx.grant('alice', 'Port')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'featureCode' } });
    expect(gateway.pbx.grant('alice', 'no spaces')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(gateway.pbx.defineTemplate('t', { features: 'Mobility' as unknown as string[] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(gateway.pbx.applyTemplate('nope', ['alice'])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'template' } });
    unwrap(gateway.pbx.defineTemplate('t', { features: ['Mobility'] }));
    expect(gateway.pbx.applyTemplate('t', ['alice', 'zoe'])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(gateway.pbx.applyTemplate('t', [])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    unwrap(gateway.pbx.removeUser('carol'));
    expect(gateway.pbx.removeUser('carol')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('[GW-10] the PBX and Gateway tabs show each license type in force and how many are in use', async () => {
    const { device: gateway, licenseFile, reset } = await licensedPbx();
    unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-PORT', featureCode: 'Port', count: 30 })));
    await reset();
    unwrap(gateway.pbx.grant('alice', 'Mobility'));
    unwrap(gateway.gateway.setChannelsInUse(12));
    expect(gateway.gateway.setChannelsInUse(31)).toMatchObject({ ok: false, error: { code: 'LICENSE_LIMIT' } });
    expect(gateway.gateway.setChannelsInUse(-1)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const diagnostics = unwrap(gateway.diagnostics());
    expect(diagnostics.installed.map((l) => l.licenseId)).toEqual(['LIC-1', 'LIC-PORT']);
    expect(diagnostics.gateway).toEqual([{ featureCode: 'Port', installed: 30, inUse: 12 }]);
    expect(diagnostics.pbx).toEqual([{ featureCode: 'Mobility', installed: 2, inUse: 1 }]);
    expect(diagnostics.testMode).toBe(false);
  });
});
