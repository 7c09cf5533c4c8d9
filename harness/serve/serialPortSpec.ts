import { fail, ok, type Result } from '../../protocol/result.ts';

/** One `serve --serial` port: its device path and speed; always 8 data bits, no parity, 1 stop bit, no flow control. */
export interface SerialPortSpec {
  readonly path: string;
  readonly baudRate: number;
}

/** The console's speed (docs/serial.md), and so the default. */
export const DEFAULT_BAUD_RATE = 115_200;
const MAX_BAUD_RATE = 4_000_000;

/**
 * `PATH[@BAUD][,PATH[@BAUD]…]`, e.g. `/dev/ttyUSB0@9600,/tmp/qemu-serial`, added to the ports
 * of earlier `--serial` flags; a path given twice is refused. Only a trailing `@` and digits is a
 * speed, so a path with an `@` elsewhere stays whole.
 */
export function parseSerialPortSpecs(value: string, previous: readonly SerialPortSpec[] = []): Result<SerialPortSpec[]> {
  const specs = [...previous];
  for (const [index, part] of value.split(',').entries()) {
    const where = `--serial item ${index + 1}`;
    const item = part.trim();
    if (item === '') return fail('BAD_SERIAL', `'${value}': an empty path; give PATH[@BAUD] items separated by commas, e.g. /dev/ttyUSB0@115200`, where);
    const speed = /^(.*)@(\d+)$/.exec(item);
    const path = speed ? speed[1]! : item;
    const baudRate = speed ? Number(speed[2]) : DEFAULT_BAUD_RATE;
    if (path === '') return fail('BAD_SERIAL', `'${item}': no path before the @; e.g. /dev/ttyUSB0@${baudRate}`, where);
    if (!(baudRate >= 1 && baudRate <= MAX_BAUD_RATE)) return fail('BAD_SERIAL', `'${item}': the speed must be 1 to ${MAX_BAUD_RATE} baud, e.g. ${path}@115200`, where);
    if (specs.some((spec) => spec.path === path)) return fail('BAD_SERIAL', `'${path}' is given twice; a port serves one line`, where);
    specs.push({ path, baudRate });
  }
  return ok(specs);
}

/** How logs and the first line name a port: `/dev/ttyUSB0@115200`. */
export function describeSerialPort(spec: SerialPortSpec): string {
  return `${spec.path}@${spec.baudRate}`;
}
