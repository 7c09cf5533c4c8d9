import { createGateway } from '../../../firmware-sim/gateway/createGateway.ts';
import { gatewayConsole } from '../../../firmware-sim/gateway/gatewayConsole.ts';
import type { FamilyModule } from '../FamilyModule.ts';
import { gatewayDevices } from './gatewayDevices.ts';
import { gatewayProbes } from './gatewayProbes.ts';
import { download } from './steps/download.ts';
import { invalidate } from './steps/invalidate.ts';
import { testLicense } from './steps/testLicense.ts';
import { testMode } from './steps/testMode.ts';
import { install } from './steps/install.ts';
import { deleteLicense } from './steps/deleteLicense.ts';
import { addUsers, applyTemplate, channels, defineTemplate, grant, revoke } from './steps/users.ts';

/** The gateway/PBX family (GW-1 … GW-10, docs/behaviours.md) as the harness builds and drives it. */
export const gatewayFamily: FamilyModule = {
  family: gatewayDevices.family,
  prefix: 'gw',
  create: ({ board, world }) => createGateway({ board, vendorPublicKey: world.server.vendorPublicKey }),
  steps: [download, invalidate, testLicense, testMode, install, deleteLicense, addUsers, grant, revoke, defineTemplate, applyTemplate, channels],
  probes: gatewayProbes,
  console: (appliance) => gatewayConsole(gatewayDevices.narrow(appliance)),
};
