import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoTime } from '../../emulator/clock/Clock.ts';
import { openApplianceConsole } from '../console/testing/applianceConsole.ts';
import type { MockTerminal } from '../console/testing/mockTerminal.ts';
import { audioConsole } from './audioConsole.ts';
import { createAudioRig } from './testing/audioRig.ts';

describe('managed audio device serial console', () => {
  let rig: ReturnType<typeof createAudioRig>;
  let term: MockTerminal;
  let close: () => Promise<void>;

  beforeEach(async () => {
    rig = createAudioRig();
    ({ term, close } = await openApplianceConsole({ appliance: rig.device, board: rig.board, commands: audioConsole(rig.device) }));
    await rig.boot();
  });
  afterEach(() => close());

  it('[PC-7] enrols with an account, keeps it across a reboot, and unenrols', async () => {
    expect(await term.command('enrollment')).toBe([
      `hardware ID     ${rig.identity.hardwareId}`,
      'account         (not enrolled)',
      'last heartbeat  (none)',
      'last error      (none)',
    ].join('\n'));
    expect(await term.command('enroll acme token-1')).toBe('enrolled with acme; the account manages 1 of 5 devices its licenses allow');
    expect(rig.portal.requests[0]).toMatchObject({ op: 'audio.enroll', body: { accountId: 'acme', provisioningToken: 'token-1', deviceKind: 'audio' } });
    const since = isoTime(rig.clock.now());
    await term.command('reboot');
    await rig.untilRunning();
    expect(await term.command('heartbeat')).toBe('heartbeat answered; the service counts this device as enrolled');
    expect(await term.command('enrollment')).toBe([
      `hardware ID     ${rig.identity.hardwareId}`,
      'account         acme',
      `since           ${since}`,
      `last heartbeat  ${isoTime(rig.clock.now())}`,
      'last error      (none)',
    ].join('\n'));
    expect(await term.command('unenroll')).toBe('unenrolled from acme');
    expect(await term.command('enrollment')).toMatch(/^account {9}\(not enrolled\)$/m);
  });

  it('[PC-7] refuses a bad provisioning token, stays unenrolled, says why, and keeps answering', async () => {
    rig.portal.answer('audio.enroll', (r) => (r.body.provisioningToken === 'token-1'
      ? { ok: true, body: { accountId: r.body.accountId, enrolledAt: rig.clock.now(), usage: { used: 1, allowed: 5 } } }
      : { ok: false, error: { code: 'PROVISIONING_TOKEN_INVALID', message: "the provisioning token is not account acme's" } }));
    expect(await term.command('enroll acme token-0')).toBe("error PROVISIONING_TOKEN_INVALID: portal refused audio.enroll: the provisioning token is not account acme's");
    expect(await term.command('enrollment')).toMatch(/^account {9}\(not enrolled\)\nlast heartbeat {2}\(none\)\nlast error {6}PROVISIONING_TOKEN_INVALID: /m);
    expect(await term.command('enroll acme')).toBe('error USAGE: usage: enroll <accountId> <token>');
    expect(await term.command('status')).toMatch(/^state\s+running$/m);
    expect(await term.command('enroll acme token-1')).toMatch(/^enrolled with acme; /);
    expect(await term.command('enrollment')).toMatch(/^last error {6}\(none\)$/m);
  });

  it('[PC-7] is refused beyond the account\'s Managed Device licenses', async () => {
    rig.portal.refuse('audio.enroll', 'MANAGED_DEVICE_LIMIT', 'account acme manages 5 audio device(s) and its PDMS-AUDIO licenses in force allow 5; an Addon raises the bound');
    expect(await term.command('enroll acme token-1')).toBe('error MANAGED_DEVICE_LIMIT: portal refused audio.enroll: account acme manages 5 audio device(s) and its PDMS-AUDIO licenses in force allow 5; an Addon raises the bound');
    expect(await term.command('enrollment')).toMatch(/^account {9}\(not enrolled\)$/m);
  });

  it('[PC-7] drops the enrolment when a heartbeat says the service no longer counts the device', async () => {
    await term.command('enroll acme token-1');
    rig.portal.answer('audio.heartbeat', () => ({ ok: true, body: { enrolled: false, accountId: null } }));
    expect(await term.command('heartbeat')).toMatch(/^error NOT_ENROLLED: /);
    expect(await term.command('enrollment')).toMatch(/^account {9}\(not enrolled\)$/m);
    expect(await term.command('heartbeat')).toBe('heartbeat answered; the service does not count this device as enrolled');
  });

  it('reports a service that does not answer, and keeps answering', async () => {
    rig.wire.setUp(false);
    expect(await term.command('enroll acme token-1')).toMatch(/^error LINK_DOWN: /);
    expect(await term.command('status')).toMatch(/^state\s+running$/m);
  });

  it('refuses every audio command with NOT_RUNNING while the device boots', async () => {
    await term.command('reboot');
    for (const command of ['enroll acme token-1', 'unenroll', 'heartbeat', 'enrollment']) {
      expect(await term.command(command)).toMatch(/^error NOT_RUNNING: /);
    }
    expect(await term.command('status')).toMatch(/^state\s+booting$/m);
  });
});
