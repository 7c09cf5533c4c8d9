import { z } from 'zod';
import { featureCode, name } from '../../../scenario/fields.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { gatewayDevices } from '../gatewayDevices.ts';

export const defineTemplate = deviceStep({
  family: gatewayDevices,
  kind: 'gateway.template',
  summary: 'Define a config template that grants a set of PBX licenses.',
  args: { name: name.describe('The template\'s name, for gateway.applyTemplate.'), features: z.array(featureCode).min(1).describe('The features the template grants.') },
  what: (a) => `define template ${a.name}`,
  run: (gw, a) => gw.pbx.defineTemplate(a.name, { features: a.features }),
});
