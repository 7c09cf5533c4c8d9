import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { transactionTypes } from '../../protocol/licenseFile.ts';
import { ok, type Result } from './result.ts';
import type { CoreContext } from './CoreContext.ts';
import { accountIdSchema, featureCodeSchema } from './fields.ts';
import { placeOrder } from './orders.ts';
import { runOperation } from './runOperation.ts';

export const orderItemInput = z.object({
  featureCode: featureCodeSchema,
  count: z.number().int().min(1).max(1_000_000),
  transactionType: z.enum(transactionTypes).default('New'),
  /** Term in calendar months (a year is 12), added before termDays; null or absent for none. */
  termMonths: z.number().int().positive().max(1_200).nullable().default(null),
  /** Term in days (fractions allowed, for short trials); null or absent for none. Neither: a perpetual license. */
  termDays: z.number().positive().max(36_500).nullable().default(null),
  /** Fixed start in epoch ms; null or absent to start at activation. */
  start: z.number().int().min(0).nullable().default(null),
}).strict();

export const createOrderInput = z.object({
  accountId: accountIdSchema,
  // One license per unit: an order for a fleet of gateways holds one item per gateway.
  items: z.array(orderItemInput).min(1).max(100_000),
}).strict();
export type CreateOrderInput = z.input<typeof createOrderInput>;

export interface CreatedOrder {
  orderId: string;
  /** Canonical grouped form, e.g. `ABC123-DEF456-GH789`. */
  activationKey: string;
}

/** GW-1, vendor side: an order of one or more items yields one activation key. */
export async function createOrder(ctx: CoreContext, input: CreateOrderInput): Promise<Result<CreatedOrder>> {
  const parsed = parseValue(input, createOrderInput, 'order');
  if (!parsed.ok) return parsed;
  const { accountId, items } = parsed.value;
  return runOperation(ctx, { actor: 'vendor', action: 'order.create', subject: accountId }, async ({ tx, now, audit }) => {
    const order = await placeOrder(tx, ctx, { accountId, items, now });
    await audit({ accountId, activationKey: order.activationKey, items }, { subject: order.id });
    return ok({ orderId: order.id, activationKey: order.activationKey });
  });
}
