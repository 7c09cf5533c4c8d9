import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

const AUDIO = 'PDMS-AUDIO';

describe('device-management portal: the Licenses list and its counts', () => {
  let r: AudioPortalRig;
  beforeEach(async () => {
    r = await createAudioPortalRig();
  });
  afterEach(async () => {
    await r.close();
  });

  it('[PC-3] lists each license with ID (its key), feature code, description, type, transaction type, start, end, usage and status', async () => {
    const { activationKey, licenses: [activated] } = await r.activate([{ featureCode: AUDIO, count: 10, transactionType: 'New' }]);
    unwrap(await r.enroll('phone-1'));
    unwrap(await r.enroll('phone-2'));
    const start = r.clock.now();
    expect(unwrap(await r.portal.listLicenses(r.admin))).toEqual([{
      licenseId: activationKey,
      recordId: activated!.recordId,
      featureCode: 'PDMS-AUDIO',
      description: 'Device Management Service for audio devices',
      type: 'Managed Device',
      transactionType: 'New',
      startTime: start,
      endTime: start + 365 * DAY_MS,
      count: 10,
      usage: { used: 2, allowed: 10 },
      status: 'Active',
      renewedBy: null,
      red: false,
    }]);
  });

  it('[PC-2] counts total, active, expiring shortly, impending and inactive licenses', async () => {
    expect(unwrap(await r.portal.summary(r.admin))).toEqual({
      total: 0, active: 0, expiringShortly: 0, impending: 0, inactive: 0, managedDevices: { 'PDMS-AUDIO': { used: 0, allowed: 0 } },
    });
    await r.activate([{ featureCode: AUDIO, count: 2, transactionType: 'Trial', termDays: 10 }]);
    await r.clock.advance(11 * DAY_MS);
    await r.activate([
      { featureCode: AUDIO, count: 10, transactionType: 'New' },
      { featureCode: AUDIO, count: 3, transactionType: 'Trial', termDays: 20 },
      { featureCode: AUDIO, count: 4, transactionType: 'New', start: r.clock.now() + 50 * DAY_MS },
      { featureCode: 'PBX-MOBILITY', count: 99 },
    ]);
    unwrap(await r.enroll('phone-1'));
    expect(unwrap(await r.portal.summary(r.admin))).toEqual({
      total: 4, active: 1, expiringShortly: 1, impending: 1, inactive: 1, managedDevices: { 'PDMS-AUDIO': { used: 1, allowed: 13 } },
    });
  });

  it('[PC-4] derives each status from the clock: Impending, Active, Expiring Shortly, Inactive', async () => {
    const start = r.clock.now() + 10 * DAY_MS;
    await r.activate([{ featureCode: AUDIO, count: 1, transactionType: 'New', termDays: 100, start }]);
    const status = async () => unwrap(await r.portal.listLicenses(r.admin))[0]!.status;
    expect(await status()).toBe('Impending');
    await r.clock.advanceTo(start);
    expect(await status()).toBe('Active');
    await r.clock.advanceTo(start + 100 * DAY_MS - 31 * DAY_MS + 1);
    expect(await status()).toBe('Expiring Shortly');
    await r.clock.advanceTo(start + 100 * DAY_MS);
    expect(await status()).toBe('Inactive');
  });

  it('[PC-3] shows a license not in force as 0 in use of what it would allow', async () => {
    await r.activate([{ featureCode: AUDIO, count: 4, transactionType: 'New', start: r.clock.now() + DAY_MS }]);
    expect(unwrap(await r.portal.listLicenses(r.admin))[0]!.usage).toEqual({ used: 0, allowed: 4 });
  });

  it('lists only device-management products and only the account\'s own', async () => {
    await r.activate([{ featureCode: 'PBX-MOBILITY', count: 1 }]);
    const rival = { accountId: 'rival', user: 'rita' };
    unwrap(await r.portal.putUser(rival, { name: 'rita', roles: ['Account Admin', 'License Admin'] }));
    await r.activate([{ featureCode: AUDIO, count: 1 }]);
    expect(unwrap(await r.portal.listLicenses(r.admin))).toHaveLength(1);
    expect(unwrap(await r.portal.listLicenses(rival))).toEqual([]);
  });
});
