import { z } from 'zod';
import { deviceId, licenseRef } from '../../scenario/fields.ts';
import { defineStep } from '../StepKind.ts';
import { expectationFailed } from '../outcome.ts';
import { mismatch } from '../matchPartial.ts';
import { orderLicense } from './orderLicense.ts';

/**
 * `- license.expect: { license: o1.1, status: Active, boundTo: gw-002 }` — checks a license as
 * the license cloud shows it. `boundTo: null` expects it unbound.
 */
export const licenseExpect = defineStep({
  kind: 'license.expect',
  split: 'portal',
  summary: 'Check a license in the portal: its status (PC-4 wording), the device it is bound to, its feature and count.',
  args: z.object({
    license: licenseRef,
    status: z.enum(['Impending', 'Active', 'Expiring Shortly', 'Inactive']).optional().describe("The license's status on the portal."),
    boundTo: deviceId.nullable().optional().describe('The device it is bound to, or null for none.'),
    feature: z.string().optional().describe('Its feature code.'),
    count: z.number().int().optional().describe('Its licensed amount.'),
  }).strict(),
  async run(world, { license, ...expected }) {
    const found = await orderLicense(world, license);
    if (!found.ok) return found;
    const { id, account, view } = found.value;
    if (!view) return expectationFailed(`license ${license} (${id}) is not listed in account ${account}`);
    const hardwareToDevice = new Map([...world.members.values()].map((d) => [d.identity.hardwareId, d.id]));
    const actual = {
      status: view.status,
      boundTo: view.hardwareId === null ? null : hardwareToDevice.get(view.hardwareId) ?? view.hardwareId,
      feature: view.featureCode,
      count: view.count,
    };
    const want = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    const miss = mismatch(want, actual);
    if (miss !== undefined) {
      return expectationFailed(`portal license ${license}: expected ${miss.path} to be ${JSON.stringify(miss.expected)}, found ${JSON.stringify(miss.actual)}`, { expected: miss.expected, actual: miss.actual });
    }
    return { ok: true, value: actual };
  },
});
