import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../protocol/result.ts';
import { addDuration } from '../../../emulator/clock/duration.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import { createAudioPortalRig, type AudioPortalRig } from './testing/audioPortalRig.ts';

const AUDIO = 'PDMS-AUDIO';
/** The end of `years` calendar years from `start`: a term of one or three years, as sold. */
const yearsFrom = (start: number, years: number): number => addDuration(start, { months: 12 * years, ms: 0 });

describe('device-management portal: renew a license', () => {
  let r: AudioPortalRig;
  beforeEach(async () => {
    r = await createAudioPortalRig();
  });
  afterEach(async () => {
    await r.close();
  });

  /** A one-year New license of 10 with a 5-device Addon bought in month 3. */
  async function termWithAddon() {
    const [term] = (await r.activate([{ featureCode: AUDIO, count: 10, transactionType: 'New' }])).licenses;
    await r.clock.advance(90 * DAY_MS);
    const [addon] = (await r.activate([{ featureCode: AUDIO, count: 5, transactionType: 'Addon' }])).licenses;
    return { term: term!, addon: addon! };
  }
  const list = async () => unwrap(await r.portal.listLicenses(r.admin));
  const row = async (recordId: string) => (await list()).find((l) => l.recordId === recordId)!;

  it('[PC-6] refuses to renew a license that is not Expiring Shortly, naming its status', async () => {
    const { term } = await termWithAddon();
    const early = await r.portal.renew(r.admin, { licenseId: term.recordId });
    expect(early).toMatchObject({ ok: false, error: { code: 'NOT_RENEWABLE', where: 'licenseId' } });
    if (!early.ok) expect(early.error.message).toContain('it is Active; only licenses in Expiring Shortly');
    await r.clock.advanceTo(term.endTime!);
    const late = await r.portal.renew(r.admin, { licenseId: term.recordId });
    if (!late.ok) expect(late.error.message).toContain('it is Inactive');
    expect(late.ok).toBe(false);
  });

  it('[PC-6] rolls the term\'s Addons into one Renewal for the new term, Impending until the old term ends, then Active', async () => {
    const { term, addon } = await termWithAddon();
    await r.clock.advanceTo(term.endTime! - 20 * DAY_MS);
    expect((await row(term.recordId))).toMatchObject({ status: 'Expiring Shortly', red: true });
    const renewed = unwrap(await r.portal.renew(r.admin, { licenseId: term.recordId }));
    expect(renewed.rolledIn).toEqual([addon.recordId]);
    expect(renewed.renewal).toMatchObject({
      transactionType: 'Renewal', count: 15, startTime: term.endTime, endTime: yearsFrom(term.endTime!, 1), status: 'Impending', red: false,
    });
    expect(renewed.renewal.licenseId).not.toBe(term.licenseId);
    // The renewed term stays until its end, but no longer shows red: the renewal covers it.
    expect(await row(term.recordId)).toMatchObject({ status: 'Expiring Shortly', red: false, renewedBy: renewed.renewal.recordId });
    expect(await row(addon.recordId)).toMatchObject({ status: 'Expiring Shortly', red: false, renewedBy: renewed.renewal.recordId });
    expect(unwrap(await r.portal.summary(r.admin))).toMatchObject({ total: 3, expiringShortly: 2, impending: 1, managedDevices: { [AUDIO]: { allowed: 15 } } });

    await r.clock.advanceTo(term.endTime!);
    expect((await list()).map((l) => [l.transactionType, l.status])).toEqual([['New', 'Inactive'], ['Addon', 'Inactive'], ['Renewal', 'Active']]);
    expect(unwrap(await r.portal.summary(r.admin))).toMatchObject({ active: 1, inactive: 2, managedDevices: { [AUDIO]: { allowed: 15 } } });
  });

  it('[PC-6] renews a term once, and renews a Renewal in its turn', async () => {
    const { term } = await termWithAddon();
    await r.clock.advanceTo(term.endTime! - DAY_MS);
    const { renewal } = unwrap(await r.portal.renew(r.admin, { licenseId: term.recordId, years: 3 }));
    // Three calendar years, one of them a leap year: 1096 days.
    expect(renewal.endTime).toBe(yearsFrom(renewal.startTime, 3));
    expect(renewal.endTime! - renewal.startTime).toBe(1096 * DAY_MS);
    const twice = await r.portal.renew(r.admin, { licenseId: term.recordId });
    if (!twice.ok) expect(twice.error.message).toContain(`renewed already by license ${renewal.licenseId}`);
    expect(twice.ok).toBe(false);
    await r.clock.advanceTo(renewal.endTime! - 10 * DAY_MS);
    const next = unwrap(await r.portal.renew(r.admin, { licenseId: renewal.recordId }));
    expect(next.renewal).toMatchObject({ count: 15, startTime: renewal.endTime, status: 'Impending' });
  });

  it('[PC-6] refuses to renew an Addon or a Trial, whatever their status', async () => {
    const [trial] = (await r.activate([{ featureCode: AUDIO, count: 2, transactionType: 'Trial' }])).licenses;
    const { term, addon } = await termWithAddon();
    await r.clock.advanceTo(term.endTime! - DAY_MS);
    const refusedAddon = await r.portal.renew(r.admin, { licenseId: addon.recordId });
    if (!refusedAddon.ok) expect(refusedAddon.error.message).toContain('it is an Addon (Expiring Shortly)');
    const refusedTrial = await r.portal.renew(r.admin, { licenseId: trial!.recordId });
    if (!refusedTrial.ok) expect(refusedTrial.error.message).toContain('it is a Trial (Inactive)');
    expect([refusedAddon.ok, refusedTrial.ok]).toEqual([false, false]);
  });

  it('[PC-4] [PC-6] takes a Renewal delivered as a key the same way: Impending after the Expiring Shortly term', async () => {
    const { term } = await termWithAddon();
    const renewalKey = await r.key([{ featureCode: AUDIO, count: 15, transactionType: 'Renewal' }]);
    expect(await r.portal.activate(r.admin, { activationKey: renewalKey, acceptAgreement: true })).toMatchObject({ ok: false, error: { code: 'NOT_RENEWABLE' } });
    await r.clock.advanceTo(term.endTime! - 10 * DAY_MS);
    const [renewal] = unwrap(await r.portal.activate(r.admin, { activationKey: renewalKey, acceptAgreement: true })).licenses;
    expect(renewal).toMatchObject({ transactionType: 'Renewal', startTime: term.endTime, endTime: yearsFrom(term.endTime!, 1), status: 'Impending' });
    expect(await row(term.recordId)).toMatchObject({ red: false, renewedBy: renewal!.recordId });
  });

  it('refuses unknown, foreign and malformed licenses', async () => {
    expect(await r.portal.renew(r.admin, { licenseId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: 'licenseId' } });
    const other = await r.t.activated('acme', [{ featureCode: 'PBX-MOBILITY', count: 1 }]);
    expect(await r.portal.renew(r.admin, { licenseId: other[0]! })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await r.portal.renew(r.admin, { licenseId: 'x', years: 2 } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'years' } });
    expect(await r.portal.renew(r.admin, {} as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', where: 'licenseId' } });
  });
});
