import { z } from 'zod';
import { deviceId, licenseRef } from '../../scenario/fields.ts';
import { defineStep } from '../StepKind.ts';
import { expectationFailed } from '../outcome.ts';
import { mismatch } from '../matchPartial.ts';

/**
 * `- expectPortal: { license: o1.1, status: Active, boundTo: gw-002 }` — checks a license as
 * the portal shows it. `boundTo: null` expects it unbound.
 */
export const expectPortal = defineStep({
  kind: 'expectPortal',
  summary: 'Check a license in the portal: its status (PC-4 wording), the device it is bound to, its feature and count.',
  args: z.object({
    license: licenseRef,
    status: z.enum(['Impending', 'Active', 'Expiring Shortly', 'Inactive']).optional(),
    boundTo: deviceId.nullable().optional(),
    feature: z.string().optional(),
    count: z.number().int().optional(),
  }).strict(),
  async run(world, { license, ...expected }) {
    const id = world.license(license);
    if (!id.ok) return id;
    const order = world.orders.get(license.split('.')[0]!)!;
    const listed = await world.server.gateway.listLicenses({ accountId: order.spec.account });
    if (!listed.ok) return listed;
    const view = listed.value.find((l) => l.id === id.value);
    if (!view) return expectationFailed(`license ${license} (${id.value}) is not listed in account ${order.spec.account}`);
    const hardwareToDevice = new Map([...world.devices.values()].map((d) => [d.board.identity.hardwareId, d.id]));
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
