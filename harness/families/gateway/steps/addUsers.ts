import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';
import { eachUser, users } from './pbxUserArgs.ts';

/** [GW-7] PBX user objects and their license grants. */
export const addUsers = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.addUsers',
  summary: 'Create PBX user objects.',
  args: { users },
  what: (a) => `add PBX users ${a.users.join(', ')}`,
  run: (gw, a) => eachUser(a.users, (u) => gw.pbx.addUser(u)),
});
