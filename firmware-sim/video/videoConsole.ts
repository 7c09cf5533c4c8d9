import { isoTime } from '../../emulator/clock/Clock.ts';
import { PRODUCT_FIELD_LABELS, PRODUCT_FIELDS } from '../../protocol/codes/productRequestCode.ts';
import { errorText, resultText, type ConsoleCommands } from '../console/ConsoleCommands.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import type { Configuration, LicenseProductWindow, LicensesPageView } from './licensesPage.ts';
import type { LicenseUpdate } from './updateLicense.ts';
import { PORTS_FEATURE } from './conferencing.ts';
import type { VideoPlatform } from './VideoPlatform.ts';

/** The Licenses page settings `configure` sets, one per command, as the page's fields are saved one at a time. */
const SETTINGS = ['name', 'mode', 'autorefresh', 'token'] as const;

/**
 * The video platform's serial console commands (docs/serial.md), beside the built-in help,
 * status, reboot and stats: the Licenses page of a Clariti Core or Manager (CL-1) with its
 * settings (CL-3, CL-5), Update License (CL-3), the License Product window (CL-4, CL-5), Process
 * License Response Code (CL-7), and the calls the installed entitlements allow. Each is a thin
 * line over the VideoPlatform API, so the console refuses exactly what the web page refuses,
 * with the same codes.
 */
export function videoConsole(platform: VideoPlatform): ConsoleCommands {
  const page = platform.licenses;
  return {
    licenses: {
      usage: 'licenses',
      summary: 'the Licenses page: Name, license mode, automatic refresh, last connection status, entitlements [CL-1]',
      run: () => resultText(page.view(), pageText),
    },
    configure: {
      usage: 'configure <setting> <value>',
      summary: 'Update Configuration: name <text> ("" for the host name), mode standard|restrictive, autorefresh on|off, token <accessToken> ("" clears it) [CL-3, CL-5]',
      run: ([setting, value]) => {
        const change = configuration(setting!, value!);
        if (typeof change === 'string') return change;
        return resultText(page.configure(change), (view) => `saved; ${settingText(setting!, view)}`);
      },
    },
    update: {
      usage: 'update',
      summary: 'Update License: send the access token and a request code to the portal, install its answer [CL-3]',
      run: async () => resultText(await page.updateLicense(), (update) => updateText(update, platform.entitlements())),
    },
    product: {
      usage: 'product',
      summary: 'License Product: the Request Code for the portal; in restrictive mode also each field to copy by hand [CL-4, CL-5]',
      run: () => resultText(page.licenseProduct(), productText),
    },
    install: {
      usage: 'install <responseCode>',
      summary: 'Install License > Process License Response Code: paste the portal\'s RSP1... code; in effect at once [CL-7]',
      run: ([code]) => resultText(page.processResponseCode(code!), (view) => `installed; entitlements ${entitlementsLine(view.entitlements)}`),
    },
    entitlements: {
      usage: 'entitlements',
      summary: 'the entitlements of the installed license, in effect now [CL-7]',
      run: () => {
        if (platform.snapshot().state !== 'running') return notRunning(platform, 'entitlements');
        const rows = Object.entries(platform.entitlements());
        return rows.length === 0 ? 'no entitlements installed' : rows.map(([feature, count]) => `${feature} ${count}`).join('\n');
      },
    },
    calls: {
      usage: 'calls [count]',
      summary: `calls active; set a count to simulate calls, bounded by the ${PORTS_FEATURE} entitlement [CL-7]`,
      run: ([count]) => {
        if (count === undefined) {
          if (platform.snapshot().state !== 'running') return notRunning(platform, 'calls');
          return callsText(platform.snapshot().activeCalls, platform.entitlements());
        }
        const n = /^\d+$/.test(count) ? Number(count) : NaN;
        return resultText(platform.conferencing.setActiveCalls(n), ({ activeCalls }) => callsText(activeCalls, platform.entitlements()));
      },
    },
  };
}

/** The change `configure <setting> <value>` asks for, or the usage error line. */
function configuration(setting: string, value: string): Configuration | string {
  switch (setting) {
    case 'name':
      return { name: value };
    case 'mode':
      // The page names the field in its refusal of anything but standard or restrictive.
      return { mode: value as Configuration['mode'] };
    case 'autorefresh':
      if (value === 'on' || value === 'off') return { autoRefresh: value === 'on' };
      return errorText('USAGE', `configure autorefresh takes on or off, not '${value}'`);
    case 'token':
      return { accessToken: value };
    default:
      return errorText('USAGE', `configure sets ${SETTINGS.join(', ')}; not '${setting}'`);
  }
}

function settingText(setting: string, view: LicensesPageView): string {
  switch (setting) {
    case 'name':
      return view.name === view.hostName ? `name ${view.name} (the host name)` : `name ${view.name}`;
    case 'mode':
      return `license mode ${view.mode}`;
    case 'autorefresh':
      return `automatic refresh ${view.autoRefresh ? 'on' : 'off'}`;
    default:
      // The token is a credential: say whether one is entered, never echo it.
      return `access token ${view.accessTokenSet ? 'entered' : 'cleared'}`;
  }
}

function pageText(view: LicensesPageView): string {
  const connection = view.lastConnectionStatus === null
    ? '(never connected)'
    : `${view.lastConnectionStatus} at ${isoTime(view.lastConnectionAt ?? 0)}`;
  return table([
    ['name', view.name],
    ['host name', view.hostName],
    ['license mode', view.mode],
    ['automatic refresh', view.autoRefresh ? 'on' : 'off'],
    ['access token', view.accessTokenSet ? 'entered' : '(none)'],
    ['last connection', connection],
    ['entitlements', entitlementsLine(view.entitlements)],
  ]);
}

function productText(window: LicenseProductWindow): string {
  if (window.mode === 'standard') return `request code  ${window.requestCode}`;
  const rows = PRODUCT_FIELDS.map((field): [string, string] => [PRODUCT_FIELD_LABELS[field], window[field]]);
  // The window's order: Name, Type, Version, Request Code, then the optional Serial and Host name.
  rows.splice(3, 0, ['Request Code', window.requestCode]);
  return `${table(rows)}\ncopy each exactly, capitalization included (Serial and Host name are optional)`;
}

function updateText(update: LicenseUpdate, entitlements: Record<string, number>): string {
  return `last connection status SUCCESS; product ${update.productId}; entitlements ${entitlementsLine(entitlements)}`;
}

function callsText(activeCalls: number, entitlements: Record<string, number>): string {
  return `${activeCalls} of ${entitlements[PORTS_FEATURE] ?? 0} calls active (${PORTS_FEATURE})`;
}

function entitlementsLine(entitlements: Record<string, number>): string {
  const rows = Object.entries(entitlements);
  return rows.length === 0 ? 'none' : rows.map(([feature, count]) => `${feature} ${count}`).join(', ');
}

function notRunning(platform: VideoPlatform, what: string): string {
  return errorText(DeviceErrorCode.NotRunning, `${what}: the video product ${platform.deviceId} is not running (it is off or still booting)`);
}

function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
