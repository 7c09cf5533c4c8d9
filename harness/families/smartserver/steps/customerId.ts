import { z } from 'zod';
import { ok, type Result } from '../../../../protocol/result.ts';
import type { SmartServer } from '../../../../firmware-sim/smartserver/SmartServer.ts';
import type { World } from '../../../runner/World.ts';
import { customerName, findCustomer } from './customerRef.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { smartserverDevices } from '../smartserverDevices.ts';

/**
 * `- smartserver.customerId: { devices: ss-*, customer: Harbour Tower }` — [SS-3] types the customer's
 * Customer ID into Manage Customer Accounts and saves it; `id:` types any text instead, and
 * `then: discard` or `then: keep` leaves it unsaved.
 */
export const customerIdStep = deviceStep({
  family: smartserverDevices,
  kind: 'smartserver.customerId',
  summary: "Type a Customer ID (a customer's, or any `id` text) in Manage Customer Accounts, then save (default), discard or keep it unsaved.",
  args: {
    customer: customerName.optional().describe("Type this partner-portal customer's Customer ID."),
    id: z.string().max(200).optional().describe('Type this text as the Customer ID instead.'),
    then: z.enum(['save', 'discard', 'keep']).default('save').describe('Then Save Changes (default), Discard Changes, or leave it unsaved.'),
  },
  what: (a) => `${a.then} Customer ID ${a.customer ?? a.id ?? '?'}`,
  run: (server, a, world) => typeAndFinish(server, a, world),
});

async function typeAndFinish(server: SmartServer, a: { customer?: string; id?: string; then: 'save' | 'discard' | 'keep' }, world: World): Promise<Result<unknown>> {
  let text = a.id;
  if (a.customer !== undefined) {
    const customer = await findCustomer(world, a.customer);
    if (!customer.ok) return customer;
    text = customer.value.customerId;
  }
  if (text === undefined) return { ok: false, error: { code: 'BAD_REQUEST', message: 'smartserver.customerId: give customer or id' } };
  const typed = server.accounts.edit(text);
  if (!typed.ok) return typed;
  if (a.then === 'save') return server.accounts.save();
  if (a.then === 'discard') return server.accounts.discard();
  return ok(typed.value);
}
