import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { unwrap } from '../../protocol/result.ts';
import { describeSeededPortal } from './describeSeededPortal.ts';
import { runDevice, type RunDeviceOptions, type RunningDevice } from './runDevice.ts';
import { openTcpTerminal, type TcpTerminal } from './testing/tcpTerminal.ts';

const MINUTE = 60_000;

/**
 * `fleetrig device` seeds its in-process portal so each family's success path works from the
 * console: these type exactly the lines the seeded block tells a person to type. The device
 * runs on a virtual clock, moved past its boot (and a SmartServer's activation) by the test.
 */
describe('fleetrig device: the seeded portal', () => {
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });

  async function booted(family: string, options: Partial<RunDeviceOptions> = {}): Promise<{ device: RunningDevice; term: TcpTerminal; clock: VirtualClock; type: (line: string) => Promise<string> }> {
    const clock = new VirtualClock();
    const device = unwrap(await runDevice({ family, serial: { kind: 'tcp', port: 0 }, seed: 11, clock, ...options }));
    open.push(device);
    await clock.advance(MINUTE);
    const term = await openTcpTerminal({ port: Number(new URL(device.serial).port), prompt: `${device.deviceId}> ` });
    open.push(term);
    await term.until(0, (t) => t.endsWith(`${device.deviceId}> `));
    return { device, term, clock, type: (line) => term.command(line) };
  }
  const lines = (device: RunningDevice): readonly string[] => device.portal!.type;

  it('[GW-1] [GW-2] [GW-6] gateway: download fetches the two licenses bound to its hardware ID; after a reboot they are in force, and one can be given back', async () => {
    const { device, clock, type } = await booted('gateway');
    expect(lines(device)).toEqual(['download', 'reboot', 'licenses']);
    expect(device.portal!.holds).toContainEqual(['bound to', `${device.identity.hardwareId} (this gateway's hardware ID)`]);
    const seededIds = device.portal!.holds.filter(([label]) => label.startsWith('license ')).map(([, value]) => value.split(' ')[0]!);
    expect(seededIds).toHaveLength(2);
    expect(await type('download')).toMatch(new RegExp(`^installed ${seededIds.join(', ')}\nremoved none\n`));
    expect(await type('reboot')).not.toMatch(/^error/m);
    await clock.advance(MINUTE);
    const licenses = await type('licenses');
    expect(licenses).toMatch(/Port x8 standard active/);
    expect(licenses).toMatch(/Mobility x10 standard active/);
    expect(await type('status')).toMatch(/^licenses\s+2 in force$/m);
    expect(await type(`invalidate ${seededIds[1]}`)).toBe(`invalidated ${seededIds[1]}; reboot to apply`);
  });

  it('[SS-3] [SS-4] [SS-5] smartserver: the seeded Customer ID, saved, downloads its two licenses, and activate all takes them', async () => {
    const { device, clock, type } = await booted('smartserver');
    const [customerId, save, download, activateAll] = lines(device);
    expect(customerId).toMatch(/^customerid [0-9a-f-]{36}$/);
    expect(await type(customerId!)).toMatch(/typed; save or discard$/);
    expect(await type(save!)).toMatch(/saved$/);
    const list = await type(download!);
    expect(list.split('\n')).toHaveLength(2);
    expect(list).not.toMatch(/^error/m);
    expect(await type(activateAll!)).toMatch(/^activating .*; done at /);
    await clock.advance(3 * MINUTE);
    const licenses = await type('licenses');
    expect(licenses).not.toMatch(/^error|no licenses activated/m);
    expect(licenses.split('\n')).toHaveLength(2);
  });

  it('[PC-7] audio: enroll with the seeded account and provisioning token is accepted, within the Managed Device licenses', async () => {
    const { device, type } = await booted('audio');
    const [enroll] = lines(device);
    expect(enroll).toMatch(/^enroll acme [0-9a-f]{32}$/);
    expect(await type(enroll!)).toBe('enrolled with acme; the account manages 1 of 5 devices its licenses allow');
    expect(await type('enrollment')).toMatch(/^account\s+acme$/m);
  });

  it('[CL-3] [CL-6] video: configure token and update bring the entitlements assigned to the product', async () => {
    const { device, type } = await booted('video');
    const [configure, update] = lines(device);
    expect(configure).toMatch(/^configure token clt_\w+$/);
    expect(await type(configure!)).toMatch(/access token entered/);
    expect(await type(update!)).not.toMatch(/^error/m);
    expect(await type('entitlements')).toBe('CLARITI-PORTS 10\nCLARITI-USERS 50');
    expect(await type('licenses')).toMatch(/^last connection\s+SUCCESS/m);
  });

  it('seeds the same portal for the same seed, and none with emptyPortal', async () => {
    const clock = new VirtualClock();
    const first = unwrap(await runDevice({ family: 'smartserver', serial: { kind: 'tcp', port: 0 }, seed: 3, clock }));
    open.push(first);
    const again = unwrap(await runDevice({ family: 'smartserver', serial: { kind: 'tcp', port: 0 }, seed: 3, clock }));
    open.push(again);
    expect(again.portal).toEqual(first.portal);
    const empty = unwrap(await runDevice({ family: 'smartserver', serial: { kind: 'tcp', port: 0 }, seed: 3, clock, emptyPortal: true }));
    open.push(empty);
    expect(empty.portal).toBeUndefined();
  });

  it('prints the block the docs show: what the portal holds, then each line after the prompt', () => {
    const block = describeSeededPortal({ holds: [['account', 'acme'], ['provisioning token', 'a322eb3d']], type: ['enroll acme a322eb3d', 'enrollment'] }, 'audio-001');
    expect(block).toBe([
      'fleetrig device: the portal is seeded for audio-001 (--empty-portal starts without):',
      '  account             acme',
      '  provisioning token  a322eb3d',
      '  on the console, once `status` says running:',
      '    audio-001> enroll acme a322eb3d',
      '    audio-001> enrollment',
      '',
    ].join('\n'));
  });
});
