import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApplianceConsole } from '../console/testing/applianceConsole.ts';
import type { MockTerminal } from '../console/testing/mockTerminal.ts';
import { gatewayConsole } from './gatewayConsole.ts';
import { createGatewayRig } from './testing/gatewayRig.ts';

describe('gateway serial console', () => {
  let rig: ReturnType<typeof createGatewayRig>;
  let term: MockTerminal;
  let close: () => Promise<void>;

  beforeEach(async () => {
    rig = createGatewayRig();
    ({ term, close } = await openApplianceConsole({ appliance: rig.device, board: rig.board, commands: gatewayConsole(rig.device) }));
    await rig.boot();
  });
  afterEach(() => close());

  it('[GW-4] [GW-5] adds, lists and deletes licenses; they change what is in force only after reboot', async () => {
    expect(await term.command('licenses')).toBe('no licenses installed');
    const file = rig.licenseFile({ featureCode: 'Mobility', count: 2 });
    expect(await term.command(`add ${file}`)).toBe('added LIC-1 Mobility x2 standard active permanent (pending: in force after reboot); reboot to apply');
    expect(await term.command('status')).toMatch(/^licenses\s+0 in force\npendingReset\s+yes/m);
    expect(await term.command('file LIC-1')).toBe(file);
    expect(await term.command('reboot')).toBe('rebooting gw-001; type status to see it boot');
    await rig.untilRunning();
    expect(await term.command('status')).toMatch(/^licenses\s+1 in force\n {2}LIC-1\s+Mobility x2 active\npendingReset\s+no$/m);
    expect(await term.command('delete LIC-1')).toBe('deleted LIC-1; reboot to apply');
    expect(await term.command('licenses')).toBe('LIC-1 Mobility x2 standard active permanent (pending: removed at reboot)');
    expect(await term.command('delete LIC-9')).toBe('error NOT_FOUND: License page delete: no license LIC-9 is installed on gw-001');
  });

  it('[GW-2] refuses a license file for another hardware ID with the device\'s reason', async () => {
    const answer = await term.command(`add ${rig.licenseFile({ hardwareId: '009033FFFFFF' })}`);
    expect(answer).toMatch(/^error \S+: .*009033FFFFFF/);
    expect(await term.command('licenses')).toBe('no licenses installed');
  });

  it('[GW-7] grants PBX licenses to users up to the amount in force, by hand or by template', async () => {
    await term.command(`add ${rig.licenseFile({ featureCode: 'Mobility', count: 1 })}`);
    await term.command('reboot');
    await rig.untilRunning();
    expect(await term.command('adduser alice')).toBe('added alice: no licenses');
    expect(await term.command('adduser "Bob Lee"')).toBe('added Bob Lee: no licenses');
    expect(await term.command('grant alice Mobility')).toBe('granted: alice: Mobility');
    expect(await term.command('grant "Bob Lee" Mobility')).toMatch(/^error LICENSE_LIMIT: .*1 of 1 Mobility already in use/);
    expect(await term.command('users')).toBe('alice: Mobility\nBob Lee: no licenses');
    expect(await term.command('revoke alice Mobility')).toBe('revoked: alice: no licenses');
    expect(await term.command('template mobile Mobility')).toBe('template mobile: Mobility');
    expect(await term.command('apply mobile alice "Bob Lee"')).toMatch(/^error LICENSE_LIMIT: /);
    expect(await term.command('apply mobile alice')).toBe('granted Mobility to alice');
    expect(await term.command('deluser alice')).toBe('removed alice');
    expect(await term.command('grant')).toBe('error USAGE: usage: grant <user> <feature>');
  });

  it('[GW-9] switches test mode on and off, and says what it takes', async () => {
    expect(await term.command('testmode on')).toBe('test mode on until 2026-01-01T08:00:30.000Z; the device reboots then');
    expect(await term.command('status')).toMatch(/^state\s+running$/m);
    expect(await term.command('channels 40')).toBe('40 channels in use');
    expect(await term.command('testmode off')).toBe('test mode off');
    expect(await term.command('testmode maybe')).toBe("error USAGE: testmode takes on or off, not 'maybe'");
  });

  it('[GW-10] shows each license type in force and how many are in use', async () => {
    await term.command(`add ${rig.licenseFile({ featureCode: 'Port', count: 4 })}`);
    await term.command(`add ${rig.licenseFile({ featureCode: 'Mobility', count: 2 })}`);
    await term.command('reboot');
    await rig.untilRunning();
    await term.command('adduser alice');
    await term.command('grant alice Mobility');
    expect(await term.command('channels 3')).toBe('3 channels in use');
    expect(await term.command('channels 5')).toMatch(/^error LICENSE_LIMIT: /);
    expect(await term.command('channels x')).toMatch(/^error BAD_REQUEST: /);
    expect(await term.command('diag')).toBe('test mode off\ngateway licenses\n  Port 3 of 4 in use\nPBX licenses\n  Mobility 1 of 2 in use');
  });

  it('[GW-6] reports a portal that does not answer, and keeps answering', async () => {
    rig.wire.setUp(false);
    expect(await term.command('download')).toMatch(/^error LINK_DOWN: /);
    expect(await term.command('status')).toMatch(/^state\s+running$/m);
  });

  it('refuses every gateway command with NOT_RUNNING while the device boots', async () => {
    await term.command('reboot');
    expect(await term.command('licenses')).toMatch(/^error NOT_RUNNING: /);
    expect(await term.command('status')).toMatch(/^state\s+booting$/m);
  });
});
