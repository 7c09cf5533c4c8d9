import { createSmartServer } from '../../../firmware-sim/smartserver/createSmartServer.ts';
import { smartserverConsole } from '../../../firmware-sim/smartserver/smartserverConsole.ts';
import type { FamilyModule } from '../FamilyModule.ts';
import { smartserverDevices } from './smartserverDevices.ts';
import { smartserverProbes } from './smartserverProbes.ts';
import { activate } from './steps/activate.ts';
import { addFieldDevices } from './steps/addFieldDevices.ts';
import { customerIdStep } from './steps/customerId.ts';
import { download } from './steps/download.ts';
import { flash } from './steps/flash.ts';
import { offlineActivate } from './steps/offlineActivate.ts';
import { portalAssign } from './steps/portalAssign.ts';
import { portalCreateCustomer } from './steps/portalCreateCustomer.ts';
import { portalExpect } from './steps/portalExpect.ts';
import { provision } from './steps/provision.ts';
import { transfer } from './steps/transfer.ts';
import { updateFirmware } from './steps/updateFirmware.ts';

/** The SmartServer family (SS-1 … SS-8) and its cloud portals, as the harness builds and drives them. */
export const smartserverFamily: FamilyModule = {
  family: smartserverDevices.family,
  prefix: 'ss',
  // Firmware versions as models: `variant: v3-2` builds servers on 3.2, without license management (SS-1).
  variants: ['v4-0', 'v3-3', 'v3-2'],
  create: ({ board, vendorPublicKey, variant }) => createSmartServer({
    board,
    vendorPublicKey,
    firmwareVersion: (variant ?? 'v4-0').slice(1).replace('-', '.'),
  }),
  steps: [
    customerIdStep, addFieldDevices, download, activate, provision, transfer, offlineActivate, updateFirmware, flash,
    portalCreateCustomer, portalAssign, portalExpect,
  ],
  probes: smartserverProbes,
  console: (appliance) => smartserverConsole(smartserverDevices.narrow(appliance)),
};
