import { createGateway } from '../../../firmware-sim/gateway/createGateway.ts';
import { gatewayConsole } from '../../../firmware-sim/gateway/gatewayConsole.ts';
import type { FamilyModule } from '../FamilyModule.ts';
import { gatewayDevices } from './gatewayDevices.ts';
import { gatewayProbes } from './gatewayProbes.ts';
import { addUsers } from './steps/addUsers.ts';
import { applyTemplate } from './steps/applyTemplate.ts';
import { channels } from './steps/channels.ts';
import { deleteLicense } from './steps/deleteLicense.ts';
import { download } from './steps/download.ts';
import { grant } from './steps/grant.ts';
import { install } from './steps/install.ts';
import { invalidate } from './steps/invalidate.ts';
import { installKept, keepFile } from './steps/keptFile.ts';
import { portalBind } from './steps/portalBind.ts';
import { portalMove } from './steps/portalMove.ts';
import { revoke } from './steps/revoke.ts';
import { defineTemplate } from './steps/template.ts';
import { testLicense } from './steps/testLicense.ts';
import { testMode } from './steps/testMode.ts';

/** The gateway/PBX family (GW-1 … GW-10) and its portal, as the harness builds and drives them. */
export const gatewayFamily: FamilyModule = {
  family: gatewayDevices.family,
  prefix: 'gw',
  create: ({ board, vendorPublicKey }) => createGateway({ board, vendorPublicKey }),
  steps: [
    download, invalidate, testLicense, testMode, install, deleteLicense, addUsers, grant, revoke, defineTemplate, applyTemplate, channels,
    portalBind, portalMove, keepFile, installKept,
  ],
  probes: gatewayProbes,
  console: (appliance) => gatewayConsole(gatewayDevices.narrow(appliance)),
};
