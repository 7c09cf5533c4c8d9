import { z } from 'zod';
import { addDuration, DAY } from '../../../../emulator/clock/duration.ts';
import { transactionTypes } from '../../../../protocol/licenseFile.ts';
import type { Result } from '../../../../protocol/result.ts';
import type { AudioLicenseView } from '../../../../license-server/portals/audio/audioLicenseView.ts';
import { calendarDuration, duration, errorCode, licenseRef, name } from '../../../scenario/fields.ts';
import { defineStep, type StepOutcome } from '../../../steps/StepKind.ts';
import { expectationFailed, expectOutcome } from '../../../steps/outcome.ts';
import { mismatch } from '../../../steps/matchPartial.ts';
import { orderOfLicense } from '../../../steps/licenseRefs.ts';
import type { World } from '../../../runner/World.ts';
import { account, actor, asUser, DEFAULT_ACCOUNT } from './portalActor.ts';
import { audioModule } from '../../../../license-server/portals/audio/audioModule.ts';

const statuses = ['Impending', 'Active', 'Expiring Shortly', 'Inactive'] as const;

const args = z.object({
  account: account.optional(),
  as: asUser,
  summary: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('[PC-2] The dashboard counts — total, active, expiringShortly, impending, inactive — and managedDevices, matched on the keys given.'),
  license: licenseRef.optional().describe("A license of the list, by reference (o1.1, or a renewal's r1.1); the fields below check it."),
  keyOf: name.optional().describe("[PC-3] The license's License ID is this order's activation key."),
  status: z.enum(statuses).optional().describe("The license's status on the portal."),
  transactionType: z.enum(transactionTypes).optional().describe('The transaction that created it: New or Renewal.'),
  featureCode: z.string().optional().describe("The license's feature code, e.g. PDMS-AUDIO."),
  description: z.string().optional().describe("The license's description as the portal lists it."),
  type: z.string().optional().describe("The license's type as the portal lists it, e.g. Managed Device."),
  count: z.number().int().optional().describe('How many devices the license allows.'),
  usage: z
    .object({ used: z.number().int().describe('Devices managed under it.'), allowed: z.number().int().describe('Devices it allows.') })
    .partial()
    .strict()
    .optional()
    .describe('[PC-4] Usage: managed devices used and allowed.'),
  red: z.boolean().optional().describe('[PC-4] The usage shows red: more devices managed than allowed.'),
  renewed: z.boolean().optional().describe('[PC-6] A renewal has replaced it.'),
  starts: duration.optional().describe("The license's start, in whole days since the scenario started (the fleet's boot takes its first seconds)."),
  ends: duration.optional().describe("The license's end, in whole days since the scenario started."),
  lasts: calendarDuration
    .optional()
    .describe("Its term, from its own start to its end, calendar months and years as the portal counts them (lasts: 1y is 365 or 366 days): unlike ends, true whatever day the scenario starts on."),
  expectError: errorCode.optional(),
}).strict();
type Args = z.output<typeof args>;

/**
 * `- audio.portal.expect: { as: olive, summary: { active: 1 }, license: o1.1, status: Active, usage: { used: 2, allowed: 10 } }`
 * — checks the device-management portal's Licenses page as the user `as` sees it (PC-2, PC-3,
 * PC-4). With `expectError` the page must be refused with that code (PC-1: FORBIDDEN).
 */
export const portalExpect = defineStep({
  kind: 'audio.portal.expect',
  split: 'portal',
  summary: "Check the device-management portal's Licenses page as a user: the summary counts and a license's fields (status, transaction type, usage, …).",
  args,
  async run(world, a) {
    const accountId = a.account ?? (a.license ? orderOfLicense(world, a.license)?.spec.account : undefined) ?? DEFAULT_ACCOUNT;
    const who = actor(accountId, a.as);
    const portal = world.server.portal(audioModule);
    if (a.expectError !== undefined) return expectOutcome(await portal.listLicenses(who), a.expectError, `reading the Licenses page of ${accountId} as ${a.as}`);
    if (a.summary !== undefined) {
      const summary = await portal.summary(who);
      const checked = check(summary, a.summary, 'summary');
      if (checked) return checked;
    }
    if (a.license === undefined) return { ok: true, value: 'summary' };
    const id = world.license(a.license);
    if (!id.ok) return id;
    const listed = await portal.listLicenses(who);
    if (!listed.ok) return listed;
    const view = listed.value.find((l) => l.recordId === id.value);
    if (!view) return expectationFailed(`license ${a.license} (${id.value}) is not on the Licenses page of account ${accountId}`);
    return check({ ok: true, value: actualOf(view, world, a) }, wantOf(world, a, view), `license ${a.license}`) ?? { ok: true, value: view };
  },
});

function wantOf(world: World, a: Args, view: AudioLicenseView): Record<string, unknown> {
  const { account: _a, as: _as, summary: _s, license: _l, expectError: _e, keyOf, starts, ends, lasts, ...fields } = a;
  const want: Record<string, unknown> = { ...fields };
  if (keyOf !== undefined) want.licenseId = world.orders.get(keyOf)?.activationKey ?? `(no order ${keyOf})`;
  if (starts !== undefined) want.starts = days(starts);
  if (ends !== undefined) want.ends = days(ends);
  if (lasts !== undefined) want.lasts = days(addDuration(view.startTime, lasts) - view.startTime);
  return Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined));
}

function actualOf(view: AudioLicenseView, world: World, a: Args): Record<string, unknown> {
  const since = (t: number | null): string => (t === null ? 'never' : days(t - world.startMs));
  return {
    ...view, renewed: view.renewedBy !== null, starts: since(view.startTime), ends: a.ends === undefined ? undefined : since(view.endTime),
    lasts: a.lasts === undefined ? undefined : view.endTime === null ? 'forever' : days(view.endTime - view.startTime),
  };
}

const days = (ms: number): string => `${Math.floor(ms / DAY)}d`;

/** Undefined when `actual` satisfies `want`; otherwise the failure to report. */
function check(actual: Result<unknown>, want: unknown, what: string): StepOutcome | undefined {
  if (!actual.ok) return actual;
  const miss = mismatch(want, actual.value);
  if (miss === undefined) return undefined;
  return expectationFailed(`device-management ${what}: expected ${miss.path || 'it'} to be ${JSON.stringify(miss.expected)}, found ${JSON.stringify(miss.actual)}`, {
    expected: miss.expected, actual: miss.actual,
  });
}
