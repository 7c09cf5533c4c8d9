import { z } from 'zod';
import { errorCode, licenseRef, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome, expectationFailed } from '../../../steps/outcome.ts';
import { mismatch } from '../../../steps/matchPartial.ts';
import { licenseIds } from '../../../steps/licenseRefs.ts';
import { customerName, findCustomer } from './customerRef.ts';

/** `- ssPortal.createCustomer: { partner: acme, name: Harbour Tower }` — [SS-2] a customer/project account with a Customer ID. */
export const createCustomer = defineStep({
  kind: 'ssPortal.createCustomer',
  summary: 'Partner portal: add a customer/project account, which gets a UUID Customer ID (scenarios refer to it by name).',
  args: z.object({ partner: name, name: customerName, expectError: errorCode.optional() }).strict(),
  async run(world, { partner, name: customer, expectError }) {
    const result = await world.server.smartserver.createCustomer({ partnerAccountId: partner, name: customer });
    if (result.ok) world.record('portal', `partner ${partner} added customer ${customer}: Customer ID ${result.value.customerId}`);
    return expectOutcome(result, expectError, `creating customer ${customer} for ${partner}`);
  },
});

/**
 * `- ssPortal.assign: { customer: Harbour Tower, order: fleet }` — [SS-2] the partner assigns
 * an order's licenses (or `licenses: [fleet.1]`) to its customer, where they wait in the cloud.
 */
export const assign = defineStep({
  kind: 'ssPortal.assign',
  summary: "Partner portal: assign licenses — every license of an `order`, or the `licenses` listed — to a customer.",
  args: z.object({ customer: customerName, order: name.optional(), licenses: z.array(licenseRef).min(1).optional(), expectError: errorCode.optional() })
    .strict()
    .refine((a) => (a.order === undefined) !== (a.licenses === undefined), { message: 'give either order or licenses' }),
  async run(world, args) {
    const customer = await findCustomer(world, args.customer);
    if (!customer.ok) return customer;
    let ids: string[];
    if (args.order !== undefined) {
      const order = world.order(args.order);
      if (!order.ok) return order;
      if (order.value.licenses.length === 0) return { ok: false, error: { code: 'NO_SUCH_LICENSE', message: `order '${args.order}' has no licenses yet: activate it first (portal.activate)` } };
      ids = order.value.licenses;
    } else {
      const refs = licenseIds(world, args.licenses!);
      if (!refs.ok) return refs;
      ids = refs.value;
    }
    const result = await world.server.smartserver.assignLicenses({ partnerAccountId: customer.value.partnerAccountId, customerId: customer.value.customerId, licenseIds: ids });
    if (result.ok) world.record('portal', `assigned ${ids.length} license(s) to ${args.customer}`);
    return expectOutcome(result, args.expectError, `assigning ${ids.length} license(s) to ${args.customer}`);
  },
});

/**
 * `- ssPortal.expect: { customer: Harbour Tower, inCloud: 30, activated: 0 }` — [SS-2, SS-6]
 * the customer's licenses as the portal counts them: in the cloud (downloadable), activated on
 * servers, in all, per server (`servers: { ss-001: 3 }`) and where each is (`boundTo: { fleet.1: ss-002 }`).
 */
export const expectCloud = defineStep({
  kind: 'ssPortal.expect',
  summary: "Check a customer's licenses in the cloud: counts `inCloud`, `activated`, `total`, per-server `servers`, and `boundTo` per license.",
  args: z.object({
    customer: customerName,
    inCloud: z.number().int().nonnegative().optional(),
    activated: z.number().int().nonnegative().optional(),
    total: z.number().int().nonnegative().optional(),
    servers: z.record(z.string(), z.number().int().nonnegative()).optional(),
    boundTo: z.record(licenseRef, z.string().nullable()).optional(),
  }).strict(),
  async run(world, { customer: customerRef, ...expected }) {
    const customer = await findCustomer(world, customerRef);
    if (!customer.ok) return customer;
    const listed = await world.server.smartserver.listForCustomer({ customerId: customer.value.customerId });
    if (!listed.ok) return listed;
    const deviceOf = new Map([...world.devices.values()].map((d) => [d.board.identity.installCode, d.id]));
    const where = (installCode: string | null) => (installCode === null ? null : deviceOf.get(installCode) ?? installCode);
    const servers: Record<string, number> = {};
    for (const l of listed.value) if (l.activatedOn !== null) servers[where(l.activatedOn)!] = (servers[where(l.activatedOn)!] ?? 0) + 1;
    const boundTo: Record<string, string | null> = {};
    for (const ref of Object.keys(expected.boundTo ?? {})) {
      const id = world.license(ref);
      if (!id.ok) return id;
      const license = listed.value.find((l) => l.licenseId === id.value);
      boundTo[ref] = license ? where(license.activatedOn) : `(not held for ${customerRef})`;
    }
    const actual = {
      inCloud: listed.value.filter((l) => l.activatedOn === null).length,
      activated: listed.value.filter((l) => l.activatedOn !== null).length,
      total: listed.value.length,
      servers: new Proxy(servers, { get: (t, k) => (typeof k === 'string' ? t[k] ?? 0 : undefined) }),
      boundTo,
    };
    const want = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    const miss = mismatch(want, actual);
    if (miss !== undefined) {
      return expectationFailed(`customer ${customerRef} in the cloud: expected ${miss.path} to be ${JSON.stringify(miss.expected)}, found ${JSON.stringify(miss.actual)}`, { expected: miss.expected, actual: miss.actual });
    }
    return { ok: true, value: { inCloud: actual.inCloud, activated: actual.activated } };
  },
});
