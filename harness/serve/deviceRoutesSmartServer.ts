import { z } from 'zod';
import type { SmartServer } from '../../firmware-sim/smartserver/SmartServer.ts';
import { fieldProtocols } from '../../firmware-sim/smartserver/smartserverImage.ts';
import { ACTIVATION_TIME_MS } from '../../firmware-sim/smartserver/smartserverMachine.ts';
import { familyActions, orNull, type DevicePageFamily } from './devicePageFamily.ts';

const empty = z.object({}).strict();
const name = z.string().min(1).max(200);
// The firmware checks the selection itself (none, twice, too many), so the page shows its words.
const licenseIds = z.array(name).max(1000);

const action = familyActions<SmartServer>();

/**
 * [SS-3 … SS-8] The SmartServer CMS over the device API: the Manage Licenses dialog with its
 * Manage Customer Accounts and Download Licenses from the Cloud views, Transfer to Cloud,
 * offline activation, and the Devices widget's field devices; each action one call of the
 * firmware's own API, as the `smartserver.*` scenario steps make.
 */
export const smartserverDevicePage: DevicePageFamily = {
  view(appliance) {
    const server = appliance as SmartServer;
    // The download view exists only once downloaded since boot (the snapshot's null), not merely empty.
    const downloaded = server.snapshot().downloadList !== null;
    return {
      firmwareVersion: server.firmwareVersion(),
      activationTimeMs: ACTIVATION_TIME_MS,
      account: orNull(server.accounts.view()),
      licenses: orNull(server.licenses()),
      downloadList: downloaded ? orNull(server.cloud.list()) : null,
      fieldDevices: orNull(server.fieldDevices.list()),
    };
  },
  actions: {
    // [SS-3] typing, Save Changes and Discard Changes are three operations, as in the CMS.
    'customer-id-edit': action(z.object({ text: z.string().max(200) }).strict(), (ss, b) => ss.accounts.edit(b.text)),
    'customer-id-save': action(empty, (ss) => ss.accounts.save()),
    'customer-id-discard': action(empty, (ss) => ss.accounts.discard()),
    'cloud-download': action(empty, (ss) => ss.cloud.download()),
    'cloud-activate': action(z.object({ licenseIds }).strict(), (ss, b) => ss.cloud.activate(b.licenseIds)),
    'cloud-transfer': action(z.object({ confirm: z.boolean() }).strict(), (ss, b) => ss.cloud.transferToCloud({ confirm: b.confirm })),
    'offline-request-code': action(empty, (ss) => ss.offline.requestCode()),
    'offline-response-code': action(z.object({ responseCode: z.string().max(16 * 1024) }).strict(), (ss, b) => ss.offline.installResponse(b.responseCode)),
    'field-devices-add': action(z.object({
      protocol: z.enum(fieldProtocols),
      count: z.number().int().optional(),
      names: z.array(z.string().max(200)).max(1000).optional(),
    }).strict(), (ss, b) => ss.fieldDevices.add(b)),
    'field-devices-provision': action(z.object({ devices: z.union([z.literal('all'), z.array(name).max(1000)]) }).strict(),
      (ss, b) => ss.fieldDevices.provision(b.devices)),
  },
};
