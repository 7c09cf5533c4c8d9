import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRequestCode } from '../../protocol/codes/requestCode.ts';
import { fail, ok, unwrap } from '../../protocol/result.ts';
import { openApplianceConsole } from '../console/testing/applianceConsole.ts';
import type { MockTerminal } from '../console/testing/mockTerminal.ts';
import { createVideoRig, ports, users } from './testing/videoRig.ts';
import { videoConsole } from './videoConsole.ts';

const REQUEST_CODE = /[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}/;

describe('video platform serial console', () => {
  let rig: ReturnType<typeof createVideoRig>;
  let term: MockTerminal;
  let close: () => Promise<void>;
  let hostName: string;

  /** The Request Code the License Product window shows now. */
  const requestCode = async (): Promise<string> => {
    const code = (await term.command('product')).match(REQUEST_CODE)?.[0];
    if (code === undefined) throw new Error('product showed no request code');
    return code;
  };

  beforeEach(async () => {
    rig = createVideoRig();
    hostName = `clariti-${rig.identity.serialNumber.toLowerCase()}`;
    ({ term, close } = await openApplianceConsole({ appliance: rig.device, board: rig.board, commands: videoConsole(rig.device) }));
    await rig.boot();
  });
  afterEach(() => close());

  it('[CL-1] shows the Licenses page; the Name is the host name until one is entered', async () => {
    expect(await term.command('licenses')).toBe([
      `name               ${hostName}`,
      `host name          ${hostName}`,
      'license mode       standard',
      'automatic refresh  off',
      'access token       (none)',
      'last connection    (never connected)',
      'entitlements       none',
    ].join('\n'));
    expect(await term.command('configure name "Core Lab 01"')).toBe('saved; name Core Lab 01');
    expect(await term.command('reboot')).toBe('rebooting cl-001; type status to see it boot');
    await rig.untilRunning();
    expect(await term.command('licenses')).toMatch(/^name {15}Core Lab 01$/m);
    expect(await term.command('configure name ""')).toBe(`saved; name ${hostName} (the host name)`);
  });

  it('[CL-3] [CL-5] refuses bad settings naming what was wrong, and keeps the saved ones', async () => {
    expect(await term.command('configure mode Standard')).toMatch(/^error BAD_REQUEST: Update Configuration: mode: /);
    expect(await term.command('configure autorefresh yes')).toBe("error USAGE: configure autorefresh takes on or off, not 'yes'");
    expect(await term.command('configure colour red')).toBe("error USAGE: configure sets name, mode, autorefresh, token; not 'colour'");
    expect(await term.command(`configure name ${'x'.repeat(65)}`)).toMatch(/^error BAD_REQUEST: Update Configuration: name: /);
    expect(await term.command('configure name')).toBe('error USAGE: usage: configure <setting> <value>');
    expect(await term.command('licenses')).toMatch(new RegExp(`^name {15}${hostName}\n(.*\n)*license mode {7}standard\nautomatic refresh  off$`, 'm'));
  });

  it('[CL-3] Update License connects with the access token, shows SUCCESS or why not, and applies the entitlements', async () => {
    rig.portal.answerUpdates((body) => {
      if (body.accessToken !== 'clt_secret') return fail('TOKEN_UNKNOWN', 'not issued here');
      return ok({ productId: unwrap(readRequestCode(body.requestCode)).fingerprint, responseCode: rig.responseFor(body.requestCode, [ports(5)]) });
    });
    expect(await term.command('update')).toMatch(/^error TOKEN_MISSING: /);
    expect(await term.command('configure token clt_wrong')).toBe('saved; access token entered');
    expect(await term.command('update')).toMatch(/^error TOKEN_UNKNOWN: /);
    expect(await term.command('licenses')).toMatch(/^last connection {4}FAILED: token not recognized at 20\d\d-/m);
    await term.command('configure token clt_secret');
    expect(await term.command('configure autorefresh on')).toBe('saved; automatic refresh on');
    expect(await term.command('update')).toMatch(/^last connection status SUCCESS; product [0-9A-Z]{12}; entitlements CLARITI-PORTS 5$/);
    expect(await term.command('licenses')).toMatch(/^access token {7}entered\nlast connection {4}SUCCESS at .*\nentitlements {7}CLARITI-PORTS 5$/m);
    expect(await term.command('licenses')).not.toContain('clt_secret');
    expect(await term.command('configure mode restrictive')).toBe('saved; license mode restrictive');
    expect(await term.command('update')).toMatch(/^error WRONG_MODE: /);
    expect(await term.command('configure token ""')).toBe('saved; access token cleared');
  });

  it('[CL-4] [CL-7] License Product shows a Request Code; its response code installs entitlements that bound calls at once', async () => {
    const code = await requestCode();
    expect(await term.command('product')).toBe(`request code  ${code}`);
    const response = rig.responseFor(code, [ports(2), users(10)]);
    expect(await term.command(`install ${response}`)).toBe('installed; entitlements CLARITI-PORTS 2, CLARITI-USERS 10');
    expect(await term.command('entitlements')).toBe('CLARITI-PORTS 2\nCLARITI-USERS 10');
    expect(await term.command('calls 2')).toBe('2 of 2 calls active (CLARITI-PORTS)');
    expect(await term.command('calls 3')).toMatch(/^error LICENSE_LIMIT: active calls: 3 calls would exceed the 2 CLARITI-PORTS licensed$/);
    expect(await term.command('calls two')).toMatch(/^error BAD_REQUEST: /);
    expect(await term.command('calls')).toBe('2 of 2 calls active (CLARITI-PORTS)');
    expect(await term.command(`install ${response}`)).toMatch(/^error RESPONSE_STALE: /);
  });

  it('[CL-5] restrictive mode: License Product shows each field to copy by hand', async () => {
    await term.command('configure mode restrictive');
    await term.command('configure name clariti-core-01');
    const code = await requestCode();
    expect(await term.command('product')).toBe([
      'Name          clariti-core-01',
      'Type          Clariti Core',
      'Version       2.2.1',
      `Request Code  ${code}`,
      `Serial        ${rig.identity.serialNumber}`,
      `Host name     ${hostName}`,
      'copy each exactly, capitalization included (Serial and Host name are optional)',
    ].join('\n'));
  });

  it('[CL-7] refuses a garbled or forged response code, installs nothing, and keeps answering', async () => {
    const good = rig.responseFor(await requestCode(), [ports(4)]);
    const flipped = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
    expect(await term.command(`install ${flipped}`)).toMatch(/^error SIGNATURE_INVALID: /);
    expect(await term.command('install RSP1.garbage')).toMatch(/^error ENVELOPE_MALFORMED: /);
    expect(await term.command('install')).toBe('error USAGE: usage: install <responseCode>');
    expect(await term.command('entitlements')).toBe('no entitlements installed');
    expect(await term.command('status')).toMatch(/^state\s+running$/m);
    expect(await term.command(`install ${good}`)).toBe('installed; entitlements CLARITI-PORTS 4');
  });

  it('refuses every video command with NOT_RUNNING while the product boots', async () => {
    await term.command('reboot');
    for (const command of ['licenses', 'product', 'entitlements', 'calls', 'calls 1', 'update', 'configure mode standard', 'install RSP1.x.y']) {
      expect(await term.command(command)).toMatch(/^error NOT_RUNNING: /);
    }
    expect(await term.command('status')).toMatch(/^state\s+booting$/m);
  });
});
