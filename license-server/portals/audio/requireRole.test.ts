import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import type { AudioPortal } from './AudioPortal.ts';
import { PortalRole, type PortalActor } from './portalUsers.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

/** Every user-facing portal function, called as `actor` with an input that would otherwise pass. */
function licenseFunctions(portal: AudioPortal, key: string, licenseId: string): Record<string, (actor: PortalActor) => Promise<{ ok: boolean }>> {
  return {
    summary: (a) => portal.summary(a),
    listLicenses: (a) => portal.listLicenses(a),
    activate: (a) => portal.activate(a, { activationKey: key, acceptAgreement: true }),
    renew: (a) => portal.renew(a, { licenseId }),
  };
}

describe('device-management portal: roles', () => {
  let r: AudioPortalRig;
  beforeEach(async () => {
    r = await createAudioPortalRig();
  });
  afterEach(async () => {
    await r.close();
  });

  it('[PC-1] refuses every license function to a user without License Admin, and lets a License Admin through', async () => {
    const [license] = (await r.activate([{ featureCode: 'PDMS-AUDIO', count: 5 }])).licenses;
    const key = await r.key([{ featureCode: 'PDMS-AUDIO', count: 5 }]);
    const others = [
      await r.user('dora', [PortalRole.DeviceAdmin, PortalRole.AccountAdmin]),
      await r.user('nobody', []),
      { accountId: 'acme', user: 'ghost' },
      { accountId: 'acme', user: '' },
      { accountId: 'rival', user: 'olive' },
    ];
    for (const actor of others) {
      for (const [name, call] of Object.entries(licenseFunctions(r.portal, key, license!.recordId))) {
        expect(await call(actor), `${name} as ${actor.user || '(none)'}@${actor.accountId}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', where: 'user' } });
      }
    }
    const lara = await r.user('lara', [PortalRole.LicenseAdmin]);
    expect((await r.portal.summary(lara)).ok).toBe(true);
    expect((await r.portal.activate(lara, { activationKey: key, acceptAgreement: true })).ok).toBe(true);
    expect(await r.portal.provisioningToken(lara)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('[PC-1] checks the role before the input, so a bad request from a non-admin reads only FORBIDDEN', async () => {
    const dora = await r.user('dora', [PortalRole.DeviceAdmin]);
    expect(await r.portal.activate(dora, { nonsense: true } as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await r.portal.activate(r.admin, { nonsense: true } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('[PC-1] says which role is missing, and logs the refusal', async () => {
    const dora = await r.user('dora', [PortalRole.DeviceAdmin]);
    const refused = await r.portal.listLicenses(dora);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toBe('audio.licenses needs the License Admin role: user dora of account acme lacks the License Admin role (has Device Admin)');
    const last = (await r.t.server.audit()).at(-1)!;
    expect(last).toMatchObject({ actor: 'user:acme/dora', action: 'audio.licenses', outcome: 'refused', detail: { code: 'FORBIDDEN' } });
  });

  it('[PC-1] takes away the license functions when License Admin is taken away', async () => {
    const lara = await r.user('lara', [PortalRole.LicenseAdmin]);
    expect((await r.portal.listLicenses(lara)).ok).toBe(true);
    unwrap(await r.portal.putUser(r.admin, { name: 'lara', roles: [] }));
    expect(await r.portal.listLicenses(lara)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets only an Account Admin manage users, after the first user signed up', async () => {
    const lara = await r.user('lara', [PortalRole.LicenseAdmin]);
    expect(await r.portal.putUser(lara, { name: 'lara', roles: [PortalRole.AccountAdmin] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const first = { accountId: 'newco', user: 'nina' };
    expect(await r.portal.putUser(first, { name: 'nina', roles: [PortalRole.LicenseAdmin] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'roles' } });
    expect(await r.portal.putUser(first, { name: 'nina', roles: [PortalRole.AccountAdmin] })).toMatchObject({ ok: true, value: { accountId: 'newco', name: 'nina' } });
    expect(await r.portal.putUser({ accountId: 'newco', user: 'mallory' }, { name: 'mallory', roles: [PortalRole.AccountAdmin] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses malformed users and roles, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'has space', roles: [] }, 'name'],
      [{ name: 'x', roles: ['Licence Admin'] }, 'roles.0'],
      [{ name: 'x', roles: [PortalRole.LicenseAdmin, PortalRole.LicenseAdmin] }, 'roles'],
      [{ name: 'x' }, 'roles'],
      [{ name: 'x', roles: [], extra: 1 }, '(root)'],
    ];
    for (const [input, where] of cases) {
      expect(await r.portal.putUser(r.admin, input as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where } });
    }
    expect(await r.portal.summary({ accountId: 'bad id', user: 'olive' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'accountId' } });
  });
});
