import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { PortalRole } from './portalUsers.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

describe('device-management portal: the account\'s users', () => {
  let r: AudioPortalRig;
  beforeEach(async () => {
    r = await createAudioPortalRig();
  });
  afterEach(async () => {
    await r.close();
  });

  it('[PC-1] lists each user of the account with its roles, by name, to an Account Admin', async () => {
    await r.user('uma', [PortalRole.DeviceAdmin]);
    await r.user('bob', []);
    unwrap(await r.portal.putUser({ accountId: 'rival', user: 'rita' }, { name: 'rita', roles: [PortalRole.AccountAdmin] }));
    expect(unwrap(await r.portal.listUsers(r.admin))).toEqual([
      { accountId: 'acme', name: 'bob', roles: [] },
      { accountId: 'acme', name: 'olive', roles: [PortalRole.AccountAdmin, PortalRole.LicenseAdmin, PortalRole.DeviceAdmin] },
      { accountId: 'acme', name: 'uma', roles: [PortalRole.DeviceAdmin] },
    ]);
  });

  it('[PC-1] refuses a user without Account Admin, and one the account does not have, with FORBIDDEN', async () => {
    const uma = await r.user('uma', [PortalRole.LicenseAdmin, PortalRole.DeviceAdmin]);
    expect(await r.portal.listUsers(uma)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', where: 'user' } });
    expect((await r.portal.listUsers(uma) as { error: { message: string } }).error.message).toContain('Account Admin');
    expect(await r.portal.listUsers({ accountId: 'acme', user: 'ghost' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
