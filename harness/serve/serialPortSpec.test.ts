import { describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { describeSerialPort, parseSerialPortSpecs } from './serialPortSpec.ts';

describe('parseSerialPortSpecs: serve --serial PATH[@BAUD],…', () => {
  it('takes a comma list, 115200 baud unless @BAUD says, and adds to earlier flags', () => {
    const first = unwrap(parseSerialPortSpecs('/dev/ttyUSB0@9600, /tmp/qemu-serial'));
    expect(first).toEqual([{ path: '/dev/ttyUSB0', baudRate: 9600 }, { path: '/tmp/qemu-serial', baudRate: 115_200 }]);
    expect(unwrap(parseSerialPortSpecs('/dev/pts/7', first))).toEqual([...first, { path: '/dev/pts/7', baudRate: 115_200 }]);
  });

  it('keeps an @ that is not a trailing speed as part of the path', () => {
    expect(parseSerialPortSpecs('/dev/serial/by-id/usb-a@b-if00')).toEqual({ ok: true, value: [{ path: '/dev/serial/by-id/usb-a@b-if00', baudRate: 115_200 }] });
  });

  it('refuses an empty item, a speed out of range and a path given twice, naming the item', () => {
    expect(parseSerialPortSpecs('a,,b')).toMatchObject({ ok: false, error: { code: 'BAD_SERIAL', where: '--serial item 2' } });
    expect(parseSerialPortSpecs('@9600')).toMatchObject({ ok: false, error: { code: 'BAD_SERIAL', message: "'@9600': no path before the @; e.g. /dev/ttyUSB0@9600" } });
    expect(parseSerialPortSpecs('/dev/ttyS0@0')).toMatchObject({ ok: false, error: { code: 'BAD_SERIAL', message: "'/dev/ttyS0@0': the speed must be 1 to 4000000 baud, e.g. /dev/ttyS0@115200" } });
    expect(parseSerialPortSpecs('/dev/ttyS0', [{ path: '/dev/ttyS0', baudRate: 9600 }])).toMatchObject({ ok: false, error: { code: 'BAD_SERIAL', message: "'/dev/ttyS0' is given twice; a port serves one line" } });
  });

  it('names a port as PATH@BAUD', () => {
    expect(describeSerialPort({ path: '/dev/ttyUSB0', baudRate: 115_200 })).toBe('/dev/ttyUSB0@115200');
  });
});
