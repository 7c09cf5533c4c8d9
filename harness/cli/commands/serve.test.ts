import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../protocol/result.ts';
import type { ServiceOptions } from '../../serve/createService.ts';
import { fakeService, runServe } from './serveCommand.fixture.ts';

describe('fleetrig serve --serial', () => {
  it('hands every --serial port to the service and ends the first line with them, its first fields unchanged', async () => {
    const seen: ServiceOptions[] = [];
    const t = await runServe(['--serial', '/tmp/A,/dev/ttyUSB0@9600', '--serial', '/tmp/B'], async (options) => {
      seen.push(options);
      return ok(fakeService({ serial: ['/tmp/A@115200', '/dev/ttyUSB0@9600', '/tmp/B@115200'] }));
    });
    expect(seen[0]!.serialPorts).toEqual([{ path: '/tmp/A', baudRate: 115_200 }, { path: '/dev/ttyUSB0', baudRate: 9600 }, { path: '/tmp/B', baudRate: 115_200 }]);
    const [first] = t.stdout().split('\n');
    expect(first).toBe('fleetrig serve · http://127.0.0.1:8080 · mqtt://127.0.0.1:1883 · store /tmp/s.db · serial /tmp/A@115200 /dev/ttyUSB0@9600 /tmp/B@115200');
    expect(t.exitCode).toBe(0);
  });

  it('prints the first line as before without --serial', async () => {
    const t = await runServe([], async (options) => (expect(options.serialPorts).toEqual([]), ok(fakeService({ serial: [] }))));
    expect(t.stdout().split('\n')[0]).toBe('fleetrig serve · http://127.0.0.1:8080 · mqtt://127.0.0.1:1883 · store /tmp/s.db');
  });

  it('exits 1 with one line naming the code when a port cannot be opened', async () => {
    const t = await runServe(['--serial', '/dev/ttyNOPE'], async () => fail('SERIAL_UNAVAILABLE', 'cannot open the serial port /dev/ttyNOPE@115200: No such file or directory', 'serial'));
    expect(t.stderr()).toBe('fleetrig serve: SERIAL_UNAVAILABLE: cannot open the serial port /dev/ttyNOPE@115200: No such file or directory\n');
    expect(t.stdout()).toBe('');
    expect(t.exitCode).toBe(1);
  });

  it('refuses a malformed --serial before starting anything', async () => {
    await expect(runServe(['--serial', '/dev/ttyS0@fast,'], async () => ok(fakeService({ serial: [] })))).rejects.toThrow(/option '--serial <path\[@baud\],…>' argument '\/dev\/ttyS0@fast,' is invalid/);
  });
});
