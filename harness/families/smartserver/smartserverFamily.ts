import { createSmartServer } from '../../../firmware-sim/smartserver/createSmartServer.ts';
import { smartserverConsole } from '../../../firmware-sim/smartserver/smartserverConsole.ts';
import type { FamilyModule } from '../FamilyModule.ts';
import { smartserverDevices } from './smartserverDevices.ts';
import { smartserverProbes } from './smartserverProbes.ts';
import { activate } from './steps/activate.ts';
import { download, flash, transfer, updateFirmware } from './steps/cloud.ts';
import { customerIdStep } from './steps/customerId.ts';
import { addFieldDevices, provision } from './steps/fieldDevices.ts';
import { offlineActivate } from './steps/offlineActivate.ts';
import { assign, createCustomer, expectCloud } from './steps/portal.ts';

/** The SmartServer family (SS-1 … SS-8) and its cloud portals, as the harness builds and drives them. */
export const smartserverFamily: FamilyModule = {
  family: smartserverDevices.family,
  prefix: 'ss',
  // Firmware versions as models: `variant: v3-2` builds servers on 3.2, without license management (SS-1).
  variants: ['v4-0', 'v3-3', 'v3-2'],
  create: ({ board, world, variant }) => createSmartServer({
    board,
    vendorPublicKey: world.server.vendorPublicKey,
    firmwareVersion: (variant ?? 'v4-0').slice(1).replace('-', '.'),
  }),
  steps: [
    customerIdStep, addFieldDevices, download, activate, provision, transfer, offlineActivate, updateFirmware, flash,
    createCustomer, assign, expectCloud,
  ] as unknown as FamilyModule['steps'],
  probes: smartserverProbes,
  console: (appliance) => smartserverConsole(smartserverDevices.narrow(appliance)),
};
