import { z } from 'zod';
import { licenseRef } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectationFailed } from '../../../steps/outcome.ts';
import { mismatch } from '../../../steps/matchPartial.ts';
import { customerName, findCustomer } from './customerRef.ts';
import { smartserverModule } from '../../../../license-server/portals/smartserver/smartserverModule.ts';

/**
 * `- smartserver.portal.expect: { customer: Harbour Tower, inCloud: 30, activated: 0 }` — [SS-2, SS-6]
 * the customer's licenses as the portal counts them: in the cloud (downloadable), activated on
 * servers, in all, per server (`servers: { ss-001: 3 }`) and where each is (`boundTo: { fleet.1: ss-002 }`).
 */
export const portalExpect = defineStep({
  kind: 'smartserver.portal.expect',
  split: 'portal',
  summary: "Check a customer's licenses in the cloud: counts `inCloud`, `activated`, `total`, per-server `servers`, and `boundTo` per license.",
  args: z.object({
    customer: customerName,
    inCloud: z.number().int().nonnegative().optional().describe('Licenses held in the cloud, not activated on a server.'),
    activated: z.number().int().nonnegative().optional().describe('Licenses activated on a server.'),
    total: z.number().int().nonnegative().optional().describe("All the customer's licenses."),
    servers: z.record(z.string(), z.number().int().nonnegative()).optional().describe('Server ID → how many licenses it has activated.'),
    boundTo: z.record(licenseRef, z.string().nullable()).optional().describe('License (ORDER.N) → the server it is bound to, or null.'),
  }).strict(),
  async run(world, { customer: customerRef, ...expected }) {
    const customer = await findCustomer(world, customerRef);
    if (!customer.ok) return customer;
    const listed = await world.server.portal(smartserverModule).listForCustomer({ customerId: customer.value.customerId });
    if (!listed.ok) return listed;
    const deviceOf = new Map([...world.members.values()].map((d) => [d.identity.installCode, d.id]));
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
