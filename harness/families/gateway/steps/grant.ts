import { featureCode } from '../../../scenario/fields.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';
import { eachUser, users } from './pbxUserArgs.ts';

export const grant = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.grant',
  summary: 'Grant users a per-user PBX license (e.g. Mobility); refused beyond the installed amount.',
  args: { users, feature: featureCode.describe('The feature to grant, e.g. Mobility.') },
  what: (a) => `grant ${a.feature} to ${a.users.join(', ')}`,
  run: (gw, a) => eachUser(a.users, (u) => gw.pbx.grant(u, a.feature)),
});
