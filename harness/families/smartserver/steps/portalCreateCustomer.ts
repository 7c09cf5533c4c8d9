import { z } from 'zod';
import { errorCode, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { customerName } from './customerRef.ts';
import { smartserverModule } from '../../../../license-server/portals/smartserver/smartserverModule.ts';

/** `- smartserver.portal.createCustomer: { partner: acme, name: Harbour Tower }` — [SS-2] a customer/project account with a Customer ID. */
export const portalCreateCustomer = defineStep({
  kind: 'smartserver.portal.createCustomer',
  split: 'portal',
  summary: 'Partner portal: add a customer/project account, which gets a UUID Customer ID (scenarios refer to it by name).',
  args: z.object({ partner: name.describe('The partner account that adds the customer.'), name: customerName.describe('The new customer\'s name; later steps refer to it by this name.'), expectError: errorCode.optional() }).strict(),
  async run(world, { partner, name: customer, expectError }) {
    const result = await world.server.portal(smartserverModule).createCustomer({ partnerAccountId: partner, name: customer });
    if (result.ok) world.record('portal', `partner ${partner} added customer ${customer}: Customer ID ${result.value.customerId}`);
    return expectOutcome(result, expectError, `creating customer ${customer} for ${partner}`);
  },
});
