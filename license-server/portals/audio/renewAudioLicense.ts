import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { licenseIdSchema } from '../../core/fields.ts';
import { activateOrder, placeOrder } from '../../core/orders.ts';
import { runOperation } from '../../core/runOperation.ts';
import { readAudioAccount, toAudioLicenseView, type AudioLicenseView } from './audioLicenseView.ts';
import { audioProduct } from './audioProducts.ts';
import type { PortalActor } from './portalUsers.ts';
import { addonsOf, whyNotRenewable } from './audioTerms.ts';
import { userActor } from './requireRole.ts';

export const renewAudioInput = z.object({
  /** The record ID of the license to renew (`recordId` in the list: a key may bundle several). */
  licenseId: licenseIdSchema,
  /** PC-8: subscriptions typically run one or three years. */
  years: z.union([z.literal(1), z.literal(3)]).default(1),
}).strict();
export type RenewAudioInput = z.input<typeof renewAudioInput>;

export interface AudioRenewal {
  /** The new term's license: Impending until the renewed term ends, then Active. */
  renewal: AudioLicenseView;
  /** The renewal order and its activation key (the Renewal's License ID). */
  orderId: string;
  /** Record IDs of the Addons rolled into the Renewal. */
  rolledIn: string[];
}

/**
 * [PC-6] Renews a license in Expiring Shortly. This stands for the vendor's side of the flow
 * too (the customer contacts sales, an order for the Renewal is placed and its key activated):
 * the core places a Renewal order for the new term — starting when the old term ends, with
 * the count of the New or Renewal license plus its Addons rolled together — and activates it
 * into the account at once. The old term and its Addons keep their end; the Renewal is
 * Impending until then and Active from then on. Codes: `NOT_FOUND`, `NOT_RENEWABLE` naming the
 * license's status or transaction type.
 */
export async function renewAudioLicense(ctx: CoreContext, actor: PortalActor, input: RenewAudioInput): Promise<Result<AudioRenewal>> {
  const parsed = parseValue(input, renewAudioInput, 'renewal');
  if (!parsed.ok) return parsed;
  const { licenseId, years } = parsed.value;
  const { accountId } = actor;
  const info = { actor: userActor(actor), action: 'audio.renew', subject: licenseId };
  return runOperation(ctx, info, async ({ tx, now, audit }) => {
    const license = await tx.licenses.get(licenseId, { forUpdate: true });
    if (!license || license.accountId !== accountId || !audioProduct(license.featureCode)) {
      return fail('NOT_FOUND', `account ${accountId} has no device-management license with ID ${licenseId}`, 'licenseId');
    }
    const before = await readAudioAccount(tx, accountId);
    const why = whyNotRenewable(license, before.licenses, now);
    if (why !== undefined) return fail('NOT_RENEWABLE', `license ${licenseId} (${license.featureCode} ${license.transactionType}) cannot be renewed: ${why}`, 'licenseId');
    const addons = addonsOf(license, before.licenses);
    const count = license.count + addons.reduce((sum, a) => sum + a.count, 0);
    const order = await placeOrder(tx, ctx, {
      accountId,
      items: [{ featureCode: license.featureCode, count, transactionType: 'Renewal', termMonths: years * 12, termDays: null, start: license.end }],
      now,
    });
    const activated = await activateOrder(tx, ctx, { activationKey: order.activationKey, accountId, now });
    if (!activated.ok) return activated;
    const renewal = activated.value.licenses[0]!;
    await audit({ renewalId: renewal.id, activationKey: order.activationKey, count, rolledIn: addons.map((a) => a.id), start: renewal.start, end: renewal.end });
    const after = await readAudioAccount(tx, accountId);
    return ok({ renewal: toAudioLicenseView(renewal, after, now), orderId: order.id, rolledIn: addons.map((a) => a.id) });
  });
}
