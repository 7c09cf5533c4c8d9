import type { Unsubscribe } from '../link/Link.ts';

/**
 * A board's serial port: a byte stream, no framing, no flow control. Whatever the other end
 * writes arrives in `onData`, in order; what this end writes goes out the other end. The line
 * settings say what a host must set to talk to it (`picocom -b 115200`); the emulated wire
 * carries bytes whatever they are, as a real wire carries whatever bits are put on it.
 */
export interface UartSettings {
  readonly baudRate: number;
  readonly dataBits: 5 | 6 | 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
}

/** The console port of every fleetrig appliance: 115200 8N1. */
export const CONSOLE_LINE: UartSettings = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 };

export interface Uart {
  readonly settings: UartSettings;
  /** Sends bytes to the other end; never blocks, never throws. */
  write(bytes: Uint8Array): void;
  /** Bytes from the other end, in chunks of any size. */
  onData(handler: (bytes: Uint8Array) => void): Unsubscribe;
}

/** `8N1 at 115200`, for banners and errors. */
export function describeLine(settings: UartSettings): string {
  return `${settings.baudRate} ${settings.dataBits}${settings.parity[0]!.toUpperCase()}${settings.stopBits}`;
}
