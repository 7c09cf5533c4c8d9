import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { ok, type Result } from '../../../protocol/result.ts';
import { accountIdSchema } from '../../core/fields.ts';
import { toLicenseView } from '../../core/licenseStatus.ts';
import { activateOrder } from '../../core/orders.ts';
import { runOperation } from '../../core/runOperation.ts';
import type { LicenseView } from '../../core/types.ts';
import type { VideoContext } from './videoContext.ts';

export const activateVideoKeyInput = z.object({
  accountId: accountIdSchema,
  /** As typed: dashes, spaces, lower case and O/I/L for 0/1 are accepted. */
  activationKey: z.string().min(1).max(64),
}).strict();
export type ActivateVideoKeyInput = z.input<typeof activateVideoKeyInput>;

/**
 * [CL-2] The License Activation Key from the purchase e-mail, activated in the portal: its
 * licenses join the account, and their CLARITI-* features become entitlements to assign.
 * Codes: CODE_INVALID (naming the position), ACTIVATION_KEY_UNKNOWN, ACTIVATION_KEY_USED.
 */
export async function activateKey(ctx: VideoContext, input: ActivateVideoKeyInput): Promise<Result<LicenseView[]>> {
  const parsed = parseValue(input, activateVideoKeyInput, 'activation');
  if (!parsed.ok) return parsed;
  const { accountId, activationKey } = parsed.value;
  const info = { actor: `account:${accountId}`, action: 'video.key.activate', subject: activationKey };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const activated = await activateOrder(tx, ctx, { activationKey, accountId, now });
    if (!activated.ok) return activated;
    const { order, licenses } = activated.value;
    await audit({ orderId: order.id, licenseIds: licenses.map((l) => l.id) }, { subject: order.activationKey });
    return ok(licenses.map((l) => toLicenseView(l, now)));
  });
}
