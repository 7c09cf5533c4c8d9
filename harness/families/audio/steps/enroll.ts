import { z } from 'zod';
import { account, actor, asUser, DEFAULT_ACCOUNT } from './portalActor.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { audioDevices } from '../audioDevices.ts';
import { audioModule } from '../../../../license-server/portals/audio/audioModule.ts';

/**
 * `- audio.enroll: { devices: audio-001, account: acme, as: olive }` — [PC-7] a Device Admin
 * (`as`) reads the account's provisioning token in the portal and the device enrols with it.
 * `token` types another token instead (a wrong one, say).
 */
export const enroll = deviceStep({
  family: audioDevices,
  // In turn, so which device meets the account's Managed Device bound first is the order written.
  inTurn: true,
  kind: 'audio.enroll',
  summary: "Enrol audio devices with the device-management service, with the account's provisioning token (read as a Device Admin, `as`); refused beyond the account's Managed Device bound.",
  args: { account: account.default(DEFAULT_ACCOUNT), as: asUser, token: z.string().min(1).max(128).optional().describe('A provisioning token to type instead of the one the portal hands the user (a wrong one is refused).') },
  what: (a) => `enrol with account ${a.account}`,
  async run(device, a, world) {
    let provisioningToken = a.token;
    if (provisioningToken === undefined) {
      const token = await world.server.portal(audioModule).provisioningToken(actor(a.account, a.as));
      if (!token.ok) return token;
      provisioningToken = token.value.provisioningToken;
    }
    return device.enroll({ accountId: a.account, provisioningToken });
  },
});
