import { name } from '../../../scenario/fields.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';
import { users } from './pbxUserArgs.ts';

export const applyTemplate = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.applyTemplate',
  summary: "Apply a config template to a group of users: all of its grants, or none if any would exceed.",
  args: { template: name.describe('The template defined with gateway.template.'), users },
  what: (a) => `apply template ${a.template} to ${a.users.join(', ')}`,
  run: (gw, a) => gw.pbx.applyTemplate(a.template, a.users),
});
