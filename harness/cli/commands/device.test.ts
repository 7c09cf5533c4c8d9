import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../protocol/result.ts';
import type { RunDeviceOptions, RunningDevice } from '../../device/runDevice.ts';
import { main } from '../cli.ts';
import type { CommandContext } from '../CommandContext.ts';
import { fakeIo } from '../fakeCli.fixture.ts';
import { createDeviceCommand, type DeviceCommandDeps } from './device.ts';

/** Runs `fleetrig device …` with a fake device, stopped at once (or when `ended` says so). */
async function runWith(argv: string[], deps: Partial<DeviceCommandDeps>) {
  const t = fakeIo();
  let exitCode = 0;
  const ctx: CommandContext = { io: t.io, deps: () => Promise.reject(new Error('not used')), setExitCode: (code) => (exitCode = code) };
  const program = new Command('fleetrig').exitOverride();
  createDeviceCommand({ untilStopped: () => Promise.resolve('SIGINT received'), ...deps })(program, ctx);
  await program.parseAsync(['device', ...argv], { from: 'user' });
  return { ...t, exitCode };
}

function fakeDevice(overrides: Partial<RunningDevice> = {}) {
  const calls: string[] = [];
  const device: RunningDevice = {
    deviceId: 'gw-001', appliance: {} as RunningDevice['appliance'], identity: {} as RunningDevice['identity'], serial: '/dev/pts/7', transport: 'license server in process (memory link)',
    ended: new Promise(() => {}), idle: async () => void calls.push('idle'), close: async () => void calls.push('close'), ...overrides,
  };
  return { device, calls };
}

describe('fleetrig device', () => {
  it('prints the pty path as the first line on stdout, then runs until stopped', async () => {
    const { device, calls } = fakeDevice();
    const seen: RunDeviceOptions[] = [];
    const t = await runWith(['gateway', '--serial', 'pty', '--seed', '42', '--broker', 'mqtt://127.0.0.1:1883'], {
      runDevice: async (options) => (seen.push(options), ok(device)),
    });
    expect(t.stdout()).toBe('serial: /dev/pts/7\n');
    expect(seen[0]).toMatchObject({ family: 'gateway', serial: { kind: 'pty' }, seed: 42, brokerUrl: 'mqtt://127.0.0.1:1883' });
    expect(t.stderr()).toContain('gw-001 (gateway) on /dev/pts/7, 115200 8N1; seed 42; license server in process (memory link). Stop with Ctrl-C.');
    expect(t.stderr()).toContain('SIGINT received; gw-001 stopped');
    expect(calls).toEqual(['close']);
    expect(t.exitCode).toBe(0);
  });

  it('hands --credentials-seed to the device, and refuses a malformed one with exit 2', async () => {
    const seen: RunDeviceOptions[] = [];
    await runWith(['gateway', '--serial', 'pty', '--broker', 'mqtt://127.0.0.1:1883', '--credentials-seed', '9'], { runDevice: async (o) => (seen.push(o), ok(fakeDevice().device)) });
    expect(seen[0]).toMatchObject({ brokerUrl: 'mqtt://127.0.0.1:1883', credentialSeed: 9 });
    await expect(runWith(['gateway', '--credentials-seed', 'x'], { runDevice: async () => ok(fakeDevice().device) })).rejects.toThrow(/option '--credentials-seed <n>' argument 'x' is invalid/);
  });

  it('prints what the portal was seeded with after the banner, and hands --empty-portal to the device', async () => {
    const portal = { holds: [['account', 'acme'], ['provisioning token', 'a322eb3d']] as const, type: ['enroll acme a322eb3d'] };
    const seeded = await runWith(['audio', '--serial', 'pty'], { runDevice: async () => ok(fakeDevice({ deviceId: 'audio-001', portal }).device) });
    expect(seeded.stderr()).toContain([
      'Stop with Ctrl-C.',
      'fleetrig device: the portal is seeded for audio-001 (--empty-portal starts without):',
      '  account             acme',
      '  provisioning token  a322eb3d',
      '  on the console, once `status` says running:',
      '    audio-001> enroll acme a322eb3d',
      '',
    ].join('\n'));
    const seen: RunDeviceOptions[] = [];
    const empty = await runWith(['audio', '--serial', 'pty', '--empty-portal'], { runDevice: async (o) => (seen.push(o), ok(fakeDevice().device)) });
    expect(seen[0]).toMatchObject({ emptyPortal: true });
    expect(empty.stderr()).not.toContain('seeded');
    const t = fakeIo();
    expect(await main(['device', 'gateway', '--empty-portal', '--server', 'http://127.0.0.1:1'], t.io)).toBe(2);
    expect(t.stderr()).toContain("option '--empty-portal' cannot be used with option '--server <url>'");
  });

  it('runs the console on this terminal by default and answers what stdin sent before it stops', async () => {
    const { device, calls } = fakeDevice({ serial: 'stdio', ended: Promise.resolve('stdin closed') });
    let serial: unknown;
    const t = await runWith(['gateway'], { runDevice: async (o) => ((serial = o.serial), ok(device)), untilStopped: () => new Promise(() => {}) });
    expect(serial).toEqual({ kind: 'stdio' });
    expect(t.stdout()).toBe('');
    expect(calls).toEqual(['idle', 'close']);
    expect(t.exitCode).toBe(0);
  });

  it('exits 1 when the device cannot run, with the reason', async () => {
    const t = await runWith(['gateway', '--serial', 'pty'], { runDevice: async () => fail('SOCAT_MISSING', 'socat not installed: run .ci/system-deps (or apt-get install socat)') });
    expect(t.stderr()).toBe('fleetrig device: socat not installed: run .ci/system-deps (or apt-get install socat)\n');
    expect(t.exitCode).toBe(1);
    const died = fakeDevice({ ended: Promise.resolve('socat exited (SIGKILL)') });
    const after = await runWith(['gateway', '--serial', 'pty'], { runDevice: async () => ok(died.device), untilStopped: () => new Promise(() => {}) });
    expect(after.exitCode).toBe(1);
    expect(after.stderr()).toContain('socat exited (SIGKILL); gw-001 stopped');
  });

  it('exits 2 naming the flag for a bad --serial, --seed or --broker, and for an unknown family', async () => {
    const cases: [string[], string][] = [
      [['gateway', '--serial', 'usb'], "option '--serial <mode>' argument 'usb' is invalid. 'usb' is not a serial mode: use pty, tcp:PORT or stdio."],
      [['gateway', '--serial', 'tcp:70000'], "option '--serial <mode>' argument 'tcp:70000' is invalid. 'tcp:70000': the port must be a number from 0 to 65535"],
      [['gateway', '--seed', '-1'], "option '--seed <n>' argument '-1' is invalid."],
      [['gateway', '--broker', 'http://x'], "option '--broker <url>' argument 'http://x' is invalid."],
      [[], "missing required argument 'family'"],
    ];
    for (const [argv, message] of cases) {
      const t = fakeIo();
      expect(await main(['device', ...argv], t.io)).toBe(2);
      expect(t.stderr()).toContain(message);
    }
    const unknown = await runWith(['toaster'], { runDevice: async () => fail('UNKNOWN_FAMILY', "no appliance family 'toaster'; known: gateway, smartserver") });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr()).toBe("fleetrig device: no appliance family 'toaster'; known: gateway, smartserver\n");
  });

  it('explains the serial modes in --help', async () => {
    const t = fakeIo();
    expect(await main(['device', '--help'], t.io)).toBe(0);
    expect(t.stdout()).toContain('Usage: fleetrig device [options] <family>');
    expect(t.stdout()).toMatch(/pty {9}a new pseudo-terminal; its path is the first line on stdout/);
    expect(t.stdout()).toContain('tcp:PORT    the console on 127.0.0.1:PORT');
  });
});
