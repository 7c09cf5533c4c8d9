import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../protocol/result.ts';
import type { Service, ServiceOptions } from '../../serve/createService.ts';
import type { CommandContext } from '../CommandContext.ts';
import { fakeIo } from '../fakeCli.fixture.ts';
import { createServeCommand } from './serve.ts';

/** Runs `fleetrig serve …` with a fake service, stopped at once. */
async function runWith(argv: string[], create: (options: ServiceOptions) => Promise<Result<Service>>) {
  const t = fakeIo();
  let exitCode = 0;
  const ctx: CommandContext = { io: t.io, deps: () => Promise.reject(new Error('not used')), setExitCode: (code) => (exitCode = code) };
  const program = new Command('fleetrig').exitOverride().configureOutput({ writeErr: () => undefined });
  createServeCommand({ createService: create, untilStopped: () => Promise.resolve('SIGTERM received') })(program, ctx);
  await program.parseAsync(['serve', ...argv], { from: 'user' });
  return { ...t, exitCode };
}

function fakeService(serial: string[]): Service {
  return {
    httpUrl: 'http://127.0.0.1:8080', mqttUrl: 'mqtt://127.0.0.1:1883', store: '/tmp/s.db', seed: 3, token: 'flt_x', serial, devices: 0,
    clock: {} as Service['clock'], server: {} as Service['server'], close: async () => undefined,
  };
}

describe('fleetrig serve --serial', () => {
  it('hands every --serial port to the service and ends the first line with them, its first fields unchanged', async () => {
    const seen: ServiceOptions[] = [];
    const t = await runWith(['--serial', '/tmp/A,/dev/ttyUSB0@9600', '--serial', '/tmp/B'], async (options) => {
      seen.push(options);
      return ok(fakeService(['/tmp/A@115200', '/dev/ttyUSB0@9600', '/tmp/B@115200']));
    });
    expect(seen[0]!.serialPorts).toEqual([{ path: '/tmp/A', baudRate: 115_200 }, { path: '/dev/ttyUSB0', baudRate: 9600 }, { path: '/tmp/B', baudRate: 115_200 }]);
    const [first] = t.stdout().split('\n');
    expect(first).toBe('fleetrig serve · http://127.0.0.1:8080 · mqtt://127.0.0.1:1883 · store /tmp/s.db · serial /tmp/A@115200 /dev/ttyUSB0@9600 /tmp/B@115200');
    expect(t.exitCode).toBe(0);
  });

  it('prints the first line as before without --serial', async () => {
    const t = await runWith([], async (options) => (expect(options.serialPorts).toEqual([]), ok(fakeService([]))));
    expect(t.stdout().split('\n')[0]).toBe('fleetrig serve · http://127.0.0.1:8080 · mqtt://127.0.0.1:1883 · store /tmp/s.db');
  });

  it('exits 1 with one line naming the code when a port cannot be opened', async () => {
    const t = await runWith(['--serial', '/dev/ttyNOPE'], async () => fail('SERIAL_UNAVAILABLE', 'cannot open the serial port /dev/ttyNOPE@115200: No such file or directory', 'serial'));
    expect(t.stderr()).toBe('fleetrig serve: SERIAL_UNAVAILABLE: cannot open the serial port /dev/ttyNOPE@115200: No such file or directory\n');
    expect(t.stdout()).toBe('');
    expect(t.exitCode).toBe(1);
  });

  it('refuses a malformed --serial before starting anything', async () => {
    await expect(runWith(['--serial', '/dev/ttyS0@fast,'], async () => ok(fakeService([])))).rejects.toThrow(/option '--serial <path\[@baud\],…>' argument '\/dev\/ttyS0@fast,' is invalid/);
  });
});
