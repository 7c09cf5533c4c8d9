import { isoTime } from '../../emulator/clock/Clock.ts';
import { errorText, resultText, type ConsoleCommands } from '../console/ConsoleCommands.ts';
import type { FeatureUsage } from './diagnostics.ts';
import type { Gateway } from './Gateway.ts';
import type { PortalDownload } from './portalLink.ts';
import type { LicenseRow } from './licenseRows.ts';
import type { PbxUser } from './gatewayImage.ts';

/**
 * The gateway's serial console commands (docs/serial.md), beside the built-in help, status,
 * reboot and stats: the License page (GW-4, GW-10), the portal link (GW-6, GW-8), test mode
 * (GW-9), PBX users and their licenses (GW-7). Each is a thin line over the Gateway API, so the
 * console refuses exactly what the web interface refuses, with the same codes.
 */
export function gatewayConsole(gateway: Gateway): ConsoleCommands {
  const reboot = 'reboot to apply';
  return {
    licenses: {
      usage: 'licenses',
      summary: 'the License page: installed licenses, and deleted ones still in force until a reboot [GW-4]',
      run: () => resultText(gateway.page.list(), (rows) => (rows.length === 0 ? 'no licenses installed' : rows.map(rowText).join('\n'))),
    },
    add: {
      usage: 'add <file>',
      summary: 'install a license file (paste its LIC1... text); it takes effect after a reboot [GW-4, GW-5]',
      run: ([file]) => resultText(gateway.page.add(file!), (row) => `added ${rowText(row)}; ${reboot}`),
    },
    delete: {
      usage: 'delete <licenseId>',
      summary: 'delete an installed license; it stays in force until a reboot [GW-4, GW-5]',
      run: ([id]) => resultText(gateway.page.delete(id!), ({ licenseId }) => `deleted ${licenseId}; ${reboot}`),
    },
    file: {
      usage: 'file <licenseId>',
      summary: 'print an installed license file, to keep a copy [GW-4]',
      run: ([id]) => resultText(gateway.page.download(id!), (text) => text),
    },
    download: {
      usage: 'download',
      summary: 'fetch the licenses the portal binds to this hardware ID [GW-6]',
      run: async () => resultText(await gateway.portal.download(), downloadText),
    },
    invalidate: {
      usage: 'invalidate <licenseId>...',
      summary: 'give licenses back to the portal, signed with the device certificate [GW-6]',
      run: async (ids) => resultText(await gateway.portal.invalidate(ids), ({ invalidated }) => `invalidated ${invalidated.join(', ')}; ${reboot}`),
    },
    testlicense: {
      usage: 'testlicense',
      summary: 'download this device\'s one test license from the portal [GW-8]',
      run: async () => resultText(await gateway.portal.downloadTestLicense(), (row) => `added ${rowText(row)}; ${reboot}`),
    },
    testmode: {
      usage: 'testmode on|off',
      summary: 'lift every license limit for up to 8 hours, then the device reboots [GW-9]',
      run: ([switchTo]) => {
        if (switchTo === 'on') return resultText(gateway.testMode.on(), ({ until }) => `test mode on until ${isoTime(until)}; the device reboots then`);
        if (switchTo === 'off') return resultText(gateway.testMode.off(), () => 'test mode off');
        return errorText('USAGE', `testmode takes on or off, not '${switchTo}'`);
      },
    },
    users: {
      usage: 'users',
      summary: 'PBX users and the licenses granted to them [GW-7]',
      run: () => resultText(gateway.pbx.users(), (users) => (users.length === 0 ? 'no PBX users' : users.map(userText).join('\n'))),
    },
    adduser: {
      usage: 'adduser <name>',
      summary: 'add a PBX user (quote a name with spaces: adduser "Ann Lee") [GW-7]',
      run: ([name]) => resultText(gateway.pbx.addUser(name!), (user) => `added ${userText(user)}`),
    },
    deluser: {
      usage: 'deluser <name>',
      summary: 'remove a PBX user and their grants [GW-7]',
      run: ([name]) => resultText(gateway.pbx.removeUser(name!), ({ name: removed }) => `removed ${removed}`),
    },
    grant: {
      usage: 'grant <user> <feature>',
      summary: 'grant a user a PBX license, e.g. grant alice Mobility; refused beyond the amount in force [GW-7]',
      run: ([user, feature]) => resultText(gateway.pbx.grant(user!, feature!), (u) => `granted: ${userText(u)}`),
    },
    revoke: {
      usage: 'revoke <user> <feature>',
      summary: 'take a PBX license back from a user [GW-7]',
      run: ([user, feature]) => resultText(gateway.pbx.revoke(user!, feature!), (u) => `revoked: ${userText(u)}`),
    },
    template: {
      usage: 'template <name> <feature>...',
      summary: 'define a config template granting these features [GW-7]',
      run: ([name, ...features]) => resultText(gateway.pbx.defineTemplate(name!, { features }), (t) => `template ${t.name}: ${t.features.join(' ')}`),
    },
    apply: {
      usage: 'apply <template> <user>...',
      summary: 'grant a template\'s features to users, all or nothing [GW-7]',
      run: ([name, ...users]) => resultText(gateway.pbx.applyTemplate(name!, users), ({ granted }) =>
        (granted.length === 0 ? 'nothing to grant: every user has every feature' : granted.map((g) => `granted ${g.featureCode} to ${g.user}`).join('\n'))),
    },
    channels: {
      usage: 'channels [count]',
      summary: 'gateway channels in use; set a count to simulate calls, bounded by Port licenses [GW-10]',
      run: ([count]) => {
        if (count === undefined) return `${gateway.gateway.channelsInUse()} channels in use`;
        const n = /^\d+$/.test(count) ? Number(count) : NaN;
        return resultText(gateway.gateway.setChannelsInUse(n), ({ inUse }) => `${inUse} channels in use`);
      },
    },
    diag: {
      usage: 'diag',
      summary: 'the Gateway and PBX license tabs: each license type in force and how many are in use [GW-10]',
      run: () => resultText(gateway.diagnostics(), (d) => [
        `test mode ${d.testMode ? 'on: no limits' : 'off'}`,
        'gateway licenses', ...usageLines(d.gateway),
        'PBX licenses', ...usageLines(d.pbx),
      ].join('\n')),
    },
  };
}

function rowText(row: LicenseRow): string {
  const until = row.end === null ? 'permanent' : `until ${isoTime(row.end)}`;
  const pending = row.pending === 'install' ? ' (pending: in force after reboot)' : row.pending === 'removal' ? ' (pending: removed at reboot)' : '';
  return `${row.licenseId} ${row.featureCode} x${row.count} ${row.kind} ${row.status} ${until}${pending}`;
}

function userText(user: PbxUser): string {
  return `${user.name}: ${user.features.length === 0 ? 'no licenses' : user.features.join(' ')}`;
}

function usageLines(usage: readonly FeatureUsage[]): string[] {
  return usage.length === 0 ? ['  none'] : usage.map((u) => `  ${u.featureCode} ${u.inUse} of ${u.installed} in use`);
}

function downloadText(d: PortalDownload): string {
  const list = (ids: string[]) => (ids.length === 0 ? 'none' : ids.join(', '));
  const lines = [`installed ${list(d.installed)}`, `removed ${list(d.removed)}`, `unchanged ${list(d.unchanged)}`];
  for (const r of d.refused) lines.push(errorText(r.error.code, `refused ${r.licenseId ?? 'a file'}: ${r.error.message}`));
  if (d.installed.length + d.removed.length > 0) lines.push('reboot to apply');
  return lines.join('\n');
}
