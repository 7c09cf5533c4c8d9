import { audioModule } from '../../../license-server/portals/audio/audioModule.ts';
import { PortalRole } from '../../../license-server/portals/audio/portalUsers.ts';
import { ok } from '../../../protocol/result.ts';
import { seedStep, type PortalSeed } from '../PortalSeed.ts';

export const AUDIO_SEED_ACCOUNT = 'acme';
export const AUDIO_SEED_USER = 'olive';

/**
 * [PC-5] [PC-7] Account acme with its first user olive (every role), who activates a New
 * PDMS-AUDIO license for 5 managed devices, a year, and reads the provisioning token:
 * `enroll acme <token>` enrols the device.
 */
export const seedAudioPortal: PortalSeed = async ({ server }) => {
  const accountId = AUDIO_SEED_ACCOUNT;
  const portal = server.portal(audioModule);
  const olive = { accountId, user: AUDIO_SEED_USER };
  const user = seedStep(await portal.putUser(olive, { name: olive.user, roles: [PortalRole.AccountAdmin, PortalRole.LicenseAdmin, PortalRole.DeviceAdmin] }), 'adding the portal user');
  if (!user.ok) return user;
  const order = seedStep(await server.core.createOrder({ accountId, items: [{ featureCode: 'PDMS-AUDIO', count: 5, transactionType: 'New', termDays: 365 }] }), 'placing the order');
  if (!order.ok) return order;
  const activated = seedStep(await portal.activate(olive, { activationKey: order.value.activationKey, acceptAgreement: true }), 'activating the order');
  if (!activated.ok) return activated;
  const token = seedStep(await portal.provisioningToken(olive), 'reading the provisioning token');
  if (!token.ok) return token;
  return ok({
    holds: [
      ['account', `${accountId} (user ${olive.user}: Account, License and Device Admin)`],
      ['licenses', 'PDMS-AUDIO New ×5 managed devices, 1 year'],
      ['provisioning token', token.value.provisioningToken],
    ],
    type: [`enroll ${accountId} ${token.value.provisioningToken}`, 'enrollment'],
  });
};
