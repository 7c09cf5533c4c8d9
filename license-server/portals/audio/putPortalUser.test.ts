import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap, type Result } from '../../../protocol/result.ts';
import { PortalRole } from './portalUsers.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

const outcomes = (results: Result<unknown>[]): string[] => results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();

describe('device-management portal: the first user', () => {
  let r: AudioPortalRig;
  beforeEach(async () => {
    r = await createAudioPortalRig();
  });
  afterEach(async () => {
    await r.close();
  });

  it('[PC-1] lets exactly one of two racing sign-ups on a new account be its first user', async () => {
    const signUp = (user: string) => r.portal.putUser({ accountId: 'newco', user }, { name: user, roles: [PortalRole.AccountAdmin, PortalRole.LicenseAdmin] });
    const results = await Promise.all([signUp('nina'), signUp('mallory')]);
    expect(outcomes(results)).toEqual(['FORBIDDEN', 'ok']);
    const winner = results[0]!.ok ? 'nina' : 'mallory';
    const loser = winner === 'nina' ? 'mallory' : 'nina';
    expect((await r.portal.summary({ accountId: 'newco', user: winner })).ok).toBe(true);
    expect(await r.portal.summary({ accountId: 'newco', user: loser })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('[PC-1] makes the first user sign up as itself, not name someone else', async () => {
    expect(await r.portal.putUser({ accountId: 'newco', user: 'nina' }, { name: 'mallory', roles: [PortalRole.AccountAdmin] }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN', where: 'user' } });
    unwrap(await r.portal.putUser({ accountId: 'newco', user: 'nina' }, { name: 'nina', roles: [PortalRole.AccountAdmin] }));
  });
});
