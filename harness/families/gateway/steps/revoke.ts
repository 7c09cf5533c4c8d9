import { featureCode } from '../../../scenario/fields.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';
import { eachUser, users } from './pbxUserArgs.ts';

export const revoke = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.revoke',
  summary: "Take a per-user PBX license back from users.",
  args: { users, feature: featureCode.describe('The feature to revoke, e.g. Mobility.') },
  what: (a) => `revoke ${a.feature} from ${a.users.join(', ')}`,
  run: (gw, a) => eachUser(a.users, (u) => gw.pbx.revoke(u, a.feature)),
});
