import { z } from 'zod';
import { readActivationKey } from '../../../protocol/codes/activationKey.ts';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { activateOrder } from '../../core/orders.ts';
import { runOperation } from '../../core/runOperation.ts';
import { readAudioAccount, toAudioLicenseView, type AudioLicenseView } from './audioLicenseView.ts';
import { audioProduct } from './audioProducts.ts';
import type { PortalActor } from './portalUsers.ts';
import { userActor } from './requireRole.ts';
import { settleTerms } from './settleTerms.ts';

export const activateAudioKeyInput = z.object({
  /** The 17-character key from the top of the license document, typed as people type it. */
  activationKey: z.string().min(1).max(64),
  /** "I accept the terms in the License Agreement"; activation needs `true`. */
  acceptAgreement: z.boolean().optional(),
}).strict();
export type ActivateAudioKeyInput = z.input<typeof activateAudioKeyInput>;

export interface AudioActivation {
  activationKey: string;
  /** Every license the key created, of any product, in the order's item order. */
  recordIds: string[];
  /** The device-management licenses the key held, as the list shows them. */
  licenses: AudioLicenseView[];
  /** Licenses of other products bundled with the same key, activated for their own portals. */
  otherLicenses: { recordId: string; featureCode: string; count: number }[];
}

/**
 * [PC-5] Activate New License: the 17-character activation key, then the license agreement
 * accepted; every product and license the key bundles is activated into the account at once,
 * with the terms PC-8 sets (settleTerms). Codes: `CODE_INVALID` naming the mistyped position,
 * `AGREEMENT_NOT_ACCEPTED`, `ACTIVATION_KEY_UNKNOWN`, `ACTIVATION_KEY_USED`, `NO_BASE_LICENSE`,
 * `NOT_RENEWABLE`. A refusal activates nothing.
 */
export async function activateAudioKey(ctx: CoreContext, actor: PortalActor, input: ActivateAudioKeyInput): Promise<Result<AudioActivation>> {
  const parsed = parseValue(input, activateAudioKeyInput, 'activation');
  if (!parsed.ok) return parsed;
  const { activationKey, acceptAgreement } = parsed.value;
  const { accountId } = actor;
  const info = { actor: userActor(actor), action: 'audio.activate', subject: activationKey };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    // The key is checked first, as the portal's Continue button does, then the agreement.
    const key = readActivationKey(activationKey);
    if (!key.ok) return key;
    if (acceptAgreement !== true) {
      return fail('AGREEMENT_NOT_ACCEPTED', `activating ${key.value} needs the license agreement accepted (acceptAgreement: true)`, 'acceptAgreement');
    }
    const activated = await activateOrder(tx, ctx, { activationKey: key.value, accountId, now });
    if (!activated.ok) return activated;
    const settled = await settleTerms(tx, { activated: activated.value.licenses, accountId, now });
    if (!settled.ok) return settled;
    const account = await readAudioAccount(tx, accountId);
    const mine = settled.value.filter((l) => audioProduct(l.featureCode));
    const others = settled.value.filter((l) => !audioProduct(l.featureCode));
    await audit({ orderId: activated.value.order.id, licenseIds: settled.value.map((l) => l.id) }, { subject: key.value });
    return ok({
      activationKey: key.value,
      recordIds: settled.value.map((l) => l.id),
      licenses: mine.map((l) => toAudioLicenseView(l, account, now)),
      otherLicenses: others.map((l) => ({ recordId: l.id, featureCode: l.featureCode, count: l.count })),
    });
  });
}
