import type { Duplex } from 'node:stream';
import type { SerialPortSpec } from './serialPortSpec.ts';

/** A serial port `serve --serial` holds open: its byte stream, and word when it goes away by itself. */
export interface OpenedSerialPort {
  readonly stream: Duplex;
  /** Called once if the port goes away without `close()`: a USB adapter unplugged, the program behind a pty ended. */
  onLost(handler: (reason: string) => void): void;
  close(): Promise<void>;
}

/** Opens a port at `spec.baudRate` 8N1, no flow control; rejects with the system's reason. */
export type OpenSerialPort = (spec: SerialPortSpec) => Promise<OpenedSerialPort>;

/** What this needs of serialport's `SerialPort` (and of its `SerialPortMock`, for tests). */
export interface SerialPortLike extends Duplex {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
}
export type SerialPortClass = new (options: {
  path: string; baudRate: number; dataBits: 8; parity: 'none'; stopBits: 1; rtscts: false; xon: false; xoff: false; autoOpen: false;
}) => SerialPortLike;

/**
 * Real ports, through the serialport package (loaded on first use, so serve without --serial
 * never loads its native binding). serialport takes an exclusive lock on the device, so a
 * second program, or a second fleetrig serve, cannot read the same line.
 */
export const openSerialPort: OpenSerialPort = async (spec) => {
  const { SerialPort } = await import('serialport');
  return openSerialPortWith(SerialPort, spec);
};

export async function openSerialPortWith(Port: SerialPortClass, spec: SerialPortSpec): Promise<OpenedSerialPort> {
  const port = new Port({ path: spec.path, baudRate: spec.baudRate, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false, xoff: false, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  const lost = new Set<(reason: string) => void>();
  let closing = false;
  let lastError: string | undefined;
  // serialport closes the port itself on a read or write failure (a disconnect), with the
  // error as the close event's argument.
  port.on('close', (error: Error | null) => {
    if (closing) return;
    const reason = error?.message ?? lastError ?? 'the port closed';
    for (const handler of lost) handler(reason);
    lost.clear();
  });
  port.on('error', (error: Error) => {
    lastError = error.message;
    if (port.isOpen && !closing) port.close(() => undefined);
  });
  return {
    stream: port,
    onLost: (handler) => void lost.add(handler),
    async close() {
      closing = true;
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
