import { isoTime } from '../../emulator/clock/Clock.ts';
import { errorText, resultText, type ConsoleCommands } from '../console/ConsoleCommands.ts';
import type { DownloadRow } from './cloudLicenses.ts';
import type { FieldDeviceCounts } from './fieldDevices.ts';
import type { ManagedLicense } from './installedLicenses.ts';
import type { SmartServer } from './SmartServer.ts';
import { fieldProtocols, type FieldProtocol } from './smartserverImage.ts';

/**
 * The SmartServer's serial console commands (docs/serial.md), beside the built-in help, status,
 * reboot and stats: the Manage Licenses dialog of the SmartServer CMS — customer account
 * (SS-3), download list (SS-4), activation (SS-5), transfer to cloud (SS-6), offline activation
 * (SS-8) — and the field devices (SS-7). Each is a thin line over the SmartServer API, so the
 * console refuses exactly what the CMS refuses, with the same codes.
 */
export function smartserverConsole(server: SmartServer): ConsoleCommands {
  return {
    account: {
      usage: 'account',
      summary: 'Manage Customer Accounts: segment controller, install code and Customer ID [SS-3]',
      run: () => resultText(server.accounts.view(), (v) => [
        `segment controller  ${v.segmentController}`,
        `install code        ${v.installCode}`,
        `customer ID         ${v.customerId ?? '(none saved)'}`,
        ...(v.edited === null ? [] : [`edited              ${v.edited} (save or discard)`]),
      ].join('\n')),
    },
    customerid: {
      usage: 'customerid <id>',
      summary: 'type a Customer ID; then save or discard it [SS-3]',
      run: ([id]) => resultText(server.accounts.edit(id!), (v) => `customer ID ${v.edited} typed; save or discard`),
    },
    save: {
      usage: 'save',
      summary: 'Save Changes: store the typed Customer ID (it must be a UUID) [SS-3]',
      run: () => resultText(server.accounts.save(), (v) => `customer ID ${v.customerId ?? '(none)'} saved`),
    },
    discard: {
      usage: 'discard',
      summary: 'Discard Changes: back to the saved Customer ID [SS-3]',
      run: () => resultText(server.accounts.discard(), (v) => `discarded; customer ID ${v.customerId ?? '(none saved)'}`),
    },
    download: {
      usage: 'download',
      summary: 'Download Licenses from the Cloud for the saved Customer ID [SS-4]',
      run: async () => resultText(await server.cloud.download(), (rows) => (rows.length === 0 ? 'no licenses to download' : rows.map(downloadText).join('\n'))),
    },
    activate: {
      usage: 'activate <licenseId>...',
      summary: 'ACTIVATE licenses of the download list (`activate all` for every row); takes a couple of minutes [SS-5]',
      run: async (ids) => {
        let chosen = ids;
        if (ids.length === 1 && ids[0] === 'all') {
          const listed = server.cloud.list();
          if (!listed.ok) return errorText(listed.error.code, listed.error.message);
          if (listed.value.length === 0) return errorText('NOTHING_TO_ACTIVATE', 'the download list is empty; download it first');
          chosen = listed.value.map((r) => r.licenseId);
        }
        return resultText(await server.cloud.activate(chosen), (s) => `activating ${s.licenseIds.join(', ')}; done at ${isoTime(s.completesAt)}`);
      },
    },
    licenses: {
      usage: 'licenses',
      summary: 'Manage Licenses: the licenses activated on this server [SS-5]',
      run: () => resultText(server.licenses(), (rows) => (rows.length === 0 ? 'no licenses activated' : rows.map(licenseText).join('\n'))),
    },
    transfer: {
      usage: 'transfer [confirm]',
      summary: 'Transfer to Cloud: every capacity and maintenance license goes back; type `transfer confirm` [SS-6]',
      run: async ([confirm]) => {
        if (confirm !== undefined && confirm !== 'confirm') return errorText('USAGE', `transfer takes only the word confirm, not '${confirm}'`);
        return resultText(await server.cloud.transferToCloud({ confirm: confirm === 'confirm' }), (t) =>
          `transferred ${t.transferred.join(', ')} to the cloud at ${isoTime(t.transferDate)}; field devices are unlicensed until a new license is activated`);
      },
    },
    request: {
      usage: 'request',
      summary: 'offline activation: show a request code for the License Customer Portal [SS-8]',
      run: () => resultText(server.offline.requestCode(), (r) => `request code  ${r.requestCode}\ninstall code  ${r.installCode}`),
    },
    response: {
      usage: 'response <code>',
      summary: 'offline activation: install the response code from the License Customer Portal [SS-8]',
      run: ([code]) => resultText(server.offline.installResponse(code!), ({ installed }) =>
        (installed.length === 0 ? 'nothing new to install' : `installed ${installed.join(', ')}`)),
    },
    devices: {
      usage: 'devices [list]',
      summary: 'field devices by colour: unlicensed (purple), unprovisioned (blue), provisioned (green); `devices list` names each [SS-7]',
      run: ([list]) => {
        if (list !== undefined && list !== 'list') return errorText('USAGE', `devices takes only the word list, not '${list}'`);
        if (list === undefined) return countsText(server.snapshot().fieldDevices);
        return resultText(server.fieldDevices.list(), (rows) => (rows.length === 0 ? 'no field devices' : rows.map((d) => `${d.name} ${d.protocol} ${d.status}`).join('\n')));
      },
    },
    adddevices: {
      usage: 'adddevices <protocol> <count>',
      summary: `add field devices: protocol ${fieldProtocols.join(', ')} [SS-7]`,
      run: ([protocol, count]) => {
        const known = fieldProtocols.find((p) => p.toLowerCase() === protocol!.toLowerCase());
        if (!known) return errorText('BAD_REQUEST', `no field protocol '${protocol}'; one of ${fieldProtocols.join(', ')}`);
        const n = /^\d+$/.test(count!) ? Number(count) : NaN;
        return resultText(server.fieldDevices.add({ protocol: known as FieldProtocol, count: n }), ({ added }) =>
          `added ${added.length} ${known} device(s): ${added[0]} … ${added.at(-1)}`);
      },
    },
    provision: {
      usage: 'provision <name>...',
      summary: 'provision field devices by hand (`provision all` up to the device capacity) [SS-7]',
      run: (names) => resultText(server.fieldDevices.provision(names.length === 1 && names[0] === 'all' ? 'all' : names), (p) =>
        [`provisioned ${p.provisioned.length}`, ...(p.alreadyProvisioned > 0 ? [`already provisioned ${p.alreadyProvisioned}`] : []), ...(p.refused > 0 ? [`refused ${p.refused}: device capacity used up`] : [])].join('; ')),
    },
    firmware: {
      usage: 'firmware [version]',
      summary: 'the firmware version; give one to update (needs an active maintenance license from 3.3 on) [SS-1]',
      run: ([version]) => {
        if (version === undefined) {
          const s = server.snapshot();
          return `firmware ${s.firmwareVersion}; license management ${s.licensingRequired ? 'required (3.3 and later)' : 'not required (before 3.3)'}`;
        }
        return resultText(server.updateFirmware(version), (u) => `updating to ${u.version}; rebooting`);
      },
    },
  };
}

function downloadText(row: DownloadRow): string {
  return `${row.licenseId}  ${row.description}  transferred ${isoTime(row.transferDate).slice(0, 10)}  segment controller ${row.segmentController ?? '-'}`;
}

function licenseText(l: ManagedLicense): string {
  return `${l.licenseId}  ${l.description}  ${l.status}  ${l.source}`;
}

function countsText(c: FieldDeviceCounts): string {
  return `unlicensed ${c.unlicensed}  unprovisioned ${c.unprovisioned}  provisioned ${c.provisioned}  total ${c.total}`;
}
