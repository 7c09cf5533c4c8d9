import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { ok, type Result } from './result.ts';
import type { CoreContext } from './CoreContext.ts';
import { accountIdSchema } from './fields.ts';
import { toLicenseView } from './licenseStatus.ts';
import { activateOrder } from './orders.ts';
import { runOperation } from './runOperation.ts';
import type { LicenseView } from './types.ts';

export const activateKeyInput = z.object({
  accountId: accountIdSchema,
  /** As typed: dashes, spaces, lower case and O/I/L for 0/1 are accepted. */
  activationKey: z.string().min(1).max(64),
}).strict();
export type ActivateKeyInput = z.input<typeof activateKeyInput>;

/**
 * Activates an order's licenses into an account with its activation key — the step every
 * portal shares (GW-1, CL-2; PC-5 adds its agreement on top). `action` names it in the audit
 * log (`key.activate` unless a portal says otherwise).
 * Codes: `CODE_INVALID` naming the mistyped position, `ACTIVATION_KEY_UNKNOWN`, `ACTIVATION_KEY_USED`.
 */
export async function activateKey(ctx: CoreContext, input: ActivateKeyInput, options: { action?: string } = {}): Promise<Result<LicenseView[]>> {
  const parsed = parseValue(input, activateKeyInput, 'activation');
  if (!parsed.ok) return parsed;
  const { accountId, activationKey } = parsed.value;
  const info = { actor: `account:${accountId}`, action: options.action ?? 'key.activate', subject: activationKey };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const activated = await activateOrder(tx, ctx, { activationKey, accountId, now });
    if (!activated.ok) return activated;
    const { order, licenses } = activated.value;
    await audit({ orderId: order.id, licenseIds: licenses.map((l) => l.id) }, { subject: order.activationKey });
    return ok(licenses.map((l) => toLicenseView(l, now)));
  });
}
