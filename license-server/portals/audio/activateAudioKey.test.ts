import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

const AUDIO = 'PDMS-AUDIO';

describe('device-management portal: activate a new license', () => {
  let r: AudioPortalRig;
  beforeEach(async () => {
    r = await createAudioPortalRig();
  });
  afterEach(async () => {
    await r.close();
  });

  it('[PC-5] activates every product and license a 17-character key bundles, with the agreement accepted', async () => {
    const key = await r.key([
      { featureCode: AUDIO, count: 10, transactionType: 'New', termDays: 3 * 365 },
      { featureCode: AUDIO, count: 5, transactionType: 'Addon' },
      { featureCode: 'PBX-MOBILITY', count: 25 },
    ]);
    expect(key.replaceAll('-', '')).toHaveLength(17);
    const activation = unwrap(await r.portal.activate(r.admin, { activationKey: key.toLowerCase(), acceptAgreement: true }));
    const now = r.clock.now();
    expect(activation.activationKey).toBe(key);
    expect(activation.licenses.map((l) => [l.licenseId, l.transactionType, l.count, l.startTime, l.endTime, l.status])).toEqual([
      [key, 'New', 10, now, now + 3 * 365 * DAY_MS, 'Active'],
      [key, 'Addon', 5, now, now + 3 * 365 * DAY_MS, 'Active'],
    ]);
    expect(activation.otherLicenses).toEqual([{ recordId: expect.any(String), featureCode: 'PBX-MOBILITY', count: 25 }]);
    expect(unwrap(await r.portal.listLicenses(r.admin))).toEqual(activation.licenses.map((l) => ({ ...l, usage: { used: 0, allowed: 15 } })));
  });

  it('[PC-5] refuses activation without the license agreement accepted, naming it, and activates nothing', async () => {
    const key = await r.key([{ featureCode: AUDIO, count: 3 }]);
    for (const input of [{ activationKey: key }, { activationKey: key, acceptAgreement: false }]) {
      expect(await r.portal.activate(r.admin, input)).toMatchObject({ ok: false, error: { code: 'AGREEMENT_NOT_ACCEPTED', where: 'acceptAgreement' } });
    }
    expect(unwrap(await r.portal.listLicenses(r.admin))).toEqual([]);
    expect((await r.portal.activate(r.admin, { activationKey: key, acceptAgreement: true })).ok).toBe(true);
  });

  it('[PC-5] refuses a mistyped key naming the position, before asking for the agreement', async () => {
    const key = await r.key([{ featureCode: AUDIO, count: 3 }]);
    const wrong = key[3] === 'X' ? 'Y' : 'X';
    const typo = `${key.slice(0, 3)}${wrong}${key.slice(4)}`;
    expect(await r.portal.activate(r.admin, { activationKey: typo })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', where: 'position 4' } });
    expect(await r.portal.activate(r.admin, { activationKey: key.slice(0, 10), acceptAgreement: true })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
  });

  it('[PC-5] refuses a key used before, by this account or another', async () => {
    const key = await r.key([{ featureCode: AUDIO, count: 3 }]);
    unwrap(await r.portal.activate(r.admin, { activationKey: key, acceptAgreement: true }));
    expect(await r.portal.activate(r.admin, { activationKey: key, acceptAgreement: true })).toMatchObject({ ok: false, error: { code: 'ACTIVATION_KEY_USED' } });
  });

  it('[PC-8] gives a Trial 30 days and a New license a year when the order sets no term', async () => {
    const { licenses } = await r.activate([
      { featureCode: AUDIO, count: 2, transactionType: 'Trial' },
      { featureCode: AUDIO, count: 10, transactionType: 'New' },
    ]);
    const now = r.clock.now();
    expect(licenses.map((l) => [l.transactionType, l.endTime! - l.startTime])).toEqual([['Trial', 30 * DAY_MS], ['New', 365 * DAY_MS]]);
    // [PC-4] a 30-day trial has less than 31 days left from its first day.
    expect(licenses.map((l) => l.status)).toEqual(['Expiring Shortly', 'Active']);
    expect(licenses[0]!.startTime).toBe(now);
  });

  it('[PC-8] refuses an Addon with no New or Renewal term in force, and ends an Addon with its term', async () => {
    await r.activate([{ featureCode: AUDIO, count: 2, transactionType: 'Trial' }]);
    const orphan = await r.key([{ featureCode: AUDIO, count: 5, transactionType: 'Addon' }]);
    expect(await r.portal.activate(r.admin, { activationKey: orphan, acceptAgreement: true })).toMatchObject({ ok: false, error: { code: 'NO_BASE_LICENSE' } });
    const [term] = (await r.activate([{ featureCode: AUDIO, count: 10, transactionType: 'New' }])).licenses;
    await r.clock.advance(100 * DAY_MS);
    const [addon] = unwrap(await r.portal.activate(r.admin, { activationKey: orphan, acceptAgreement: true })).licenses;
    expect(addon).toMatchObject({ transactionType: 'Addon', startTime: r.clock.now(), endTime: term!.endTime, status: 'Active' });
  });

  it('refuses malformed activations, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{}, 'activationKey'],
      [{ activationKey: 42 }, 'activationKey'],
      [{ activationKey: 'k', acceptAgreement: 'yes' }, 'acceptAgreement'],
      [{ activationKey: 'k', extra: 1 }, '(root)'],
      [[], '(root)'],
    ];
    for (const [input, where] of cases) {
      expect(await r.portal.activate(r.admin, input as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where } });
    }
  });
});
