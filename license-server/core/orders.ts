import { newActivationKey, readActivationKey } from '../../protocol/codes/activationKey.ts';
import { fail, ok, type Result } from './result.ts';
import type { StoreTx } from '../store/Store.ts';
import type { CoreContext } from './CoreContext.ts';
import { ensureAccount } from './accounts.ts';
import { termEnd } from './licenseTerms.ts';
import type { License, Order, OrderItem } from './types.ts';

/**
 * Orders and their activation keys, shared by every portal that sells licenses: an order
 * yields one key (GW-1, CL-2); the key may bundle several items (PC-5); activating it turns
 * each item into a license of the activating account, once.
 */
export async function placeOrder(
  tx: StoreTx,
  ctx: CoreContext,
  args: { accountId: string; items: OrderItem[]; now: number },
): Promise<Order> {
  await ensureAccount(tx, { id: args.accountId, now: args.now });
  const order: Order = {
    id: ctx.ids.uuid(),
    accountId: args.accountId,
    activationKey: await unusedKey(tx, ctx),
    items: args.items,
    createdAt: args.now,
    activatedAt: null,
    activatedBy: null,
  };
  await tx.orders.insert(order);
  return order;
}

// 75 random bits make a collision vanishingly rare; checking costs one indexed read.
async function unusedKey(tx: StoreTx, ctx: CoreContext): Promise<string> {
  for (;;) {
    const key = newActivationKey(ctx.keys);
    if (!(await tx.orders.findByKey(key))) return key;
  }
}

/**
 * Codes: `CODE_INVALID` (a typo, naming its position as typed), `ACTIVATION_KEY_UNKNOWN`,
 * `ACTIVATION_KEY_USED`.
 */
export async function activateOrder(
  tx: StoreTx,
  ctx: CoreContext,
  args: { activationKey: string; accountId: string; now: number },
): Promise<Result<{ order: Order; licenses: License[] }>> {
  const key = readActivationKey(args.activationKey);
  if (!key.ok) return key;
  const order = await tx.orders.findByKey(key.value, { forUpdate: true });
  if (!order) return fail('ACTIVATION_KEY_UNKNOWN', `activation key ${key.value} belongs to no order`, 'activationKey');
  if (order.activatedAt !== null) {
    return fail(
      'ACTIVATION_KEY_USED',
      `activation key ${key.value} was already activated at ${new Date(order.activatedAt).toISOString()} by account ${order.activatedBy}`,
      'activationKey',
    );
  }
  await ensureAccount(tx, { id: args.accountId, now: args.now });
  const licenses: License[] = [];
  for (const item of order.items) {
    const start = item.start ?? args.now;
    const license: License = {
      id: ctx.ids.uuid(),
      accountId: args.accountId,
      orderId: order.id,
      activationKey: order.activationKey,
      featureCode: item.featureCode,
      count: item.count,
      transactionType: item.transactionType,
      kind: 'standard',
      start,
      end: termEnd(start, item),
      hardwareId: null,
      createdAt: args.now,
    };
    await tx.licenses.insert(license);
    licenses.push(license);
  }
  const activated: Order = { ...order, activatedAt: args.now, activatedBy: args.accountId };
  await tx.orders.update(activated);
  return ok({ order: activated, licenses });
}
